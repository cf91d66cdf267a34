using Ivr.Menus.Diagnostics;
using Ivr.Menus.Loading;

namespace Ivr.Tests.Menus;

/// <summary>
/// Broken menu files a supervisor could write, each with the error expected at its exact file:line:col.
/// Node cases are appended to <see cref="Header"/> (10 lines), so their first line is line 11.
/// </summary>
public class BrokenMenuTests
{
    const string Header = """
        defaults:
          invalid: invalid
          no-input: no-input
          seat: seat
          on-fail: bye
        entries:
          "12366": main
        nodes:
          seat: {type: queue, queue: general}
          bye: {type: hangup, prompt: goodbye}

        """;

    [Theory]
    [InlineData("misspelt key", "  main:\n    type: menu\n    promt: main-menu\n    options: {1: bye}\n", "13:5", "unknown key 'promt' (did you mean 'prompt'?)")]
    [InlineData("misspelt node type", "  main:\n    type: menuu\n", "12:11", "unknown type 'menuu' (did you mean 'menu'?)")]
    [InlineData("option to a missing node", "  main:\n    type: menu\n    prompt: main-menu\n    options: {1: byee}\n", "14:18", "goes to 'byee', which is not a node (did you mean 'bye'?)")]
    [InlineData("tab in indentation", "  main:\n\ttype: menu\n", "12:1", "tab character in the indentation")]
    [InlineData("duplicate key in a node", "  main:\n    type: menu\n    prompt: main-menu\n    prompt: welcome\n    options: {1: bye}\n", "14:5", "key 'prompt' is already given at line 13")]
    [InlineData("duplicate anchor", "  main: &m\n    type: menu\n    prompt: main-menu\n    options: {1: bye}\n  other: &m\n    type: goto\n    goto: main\n", "15:10", "anchor '&m' is defined twice")]
    [InlineData("alias to nothing", "  main:\n    type: menu\n    prompt: *welcome\n    options: {1: bye}\n", "13:13", "alias '*welcome' refers to no anchor")]
    [InlineData("timeout too long", "  main:\n    type: menu\n    prompt: main-menu\n    timeout: 100\n    options: {1: bye}\n", "14:14", "'timeout' is 100s, out of range (use 0.5s to 60s)")]
    [InlineData("no tries", "  main:\n    type: menu\n    prompt: main-menu\n    tries: 0\n    options: {1: bye}\n", "14:12", "'tries' is 0, out of range")]
    [InlineData("tries in words", "  main:\n    type: menu\n    prompt: main-menu\n    tries: three\n    options: {1: bye}\n", "14:12", "'tries' must be a whole number, found 'three'")]
    [InlineData("timeout in words", "  main:\n    type: menu\n    prompt: main-menu\n    timeout: fast\n    options: {1: bye}\n", "14:14", "'timeout' must be a duration, found 'fast'")]
    [InlineData("option on the seat key", "  main:\n    type: menu\n    prompt: main-menu\n    options: {0: bye, 1: bye}\n", "14:15", "option '0' uses the key the defaults give to seat-key")]
    [InlineData("option on the back key", "  main:\n    type: menu\n    prompt: main-menu\n    options:\n      \"*\": bye\n", "15:7", "option '*' uses the key the defaults give to back-key")]
    [InlineData("option on a letter", "  main:\n    type: menu\n    prompt: main-menu\n    options: {A: bye}\n", "14:15", "'option key' must be one key of 0-9 * #, found 'A'")]
    [InlineData("prompt not in the catalogue", "  main:\n    type: menu\n    prompt: main-menuu\n    options: {1: bye}\n", "13:13", "prompt 'main-menuu' is not in the prompt catalogue (did you mean 'main-menu'?)")]
    [InlineData("prompt without English audio", "  main:\n    type: menu\n    prompt: zh-only\n    options: {1: bye}\n", "13:13", "prompt 'zh-only' has no en-US version")]
    [InlineData("misspelt action", "  main:\n    type: action\n    action: invoice.verfy\n    else: bye\n", "13:13", "action 'invoice.verfy' is not provided by the host (did you mean 'invoice.verify'?)")]
    [InlineData("result the action never returns", "  main:\n    type: action\n    action: ticket.create\n    args: {recording: x}\n    results: {created: bye, eror: bye}\n    else: bye\n", "15:29", "'eror' is not a result of this action (did you mean 'error'?)")]
    [InlineData("result not handled", "  main:\n    type: action\n    action: ticket.create\n    args: {recording: x}\n    results: {created: bye}\n", "11:3", "result(s) error are not handled")]
    [InlineData("unknown argument", "  main:\n    type: action\n    action: ticket.create\n    args: {recording: x, reording: y}\n    else: bye\n", "14:26", "unknown argument 'reording' (did you mean 'recording'?)")]
    [InlineData("missing argument", "  main:\n    type: action\n    action: ticket.create\n    else: bye\n", "11:3", "missing argument(s) recording")]
    [InlineData("unknown output", "  main:\n    type: action\n    action: ticket.create\n    args: {recording: x}\n    outputs: {tickt: t}\n    else: bye\n", "15:15", "'tickt' is not an output of this action (did you mean 'ticket'?)")]
    [InlineData("unknown queue", "  main:\n    type: queue\n    queue: generl\n", "13:12", "queue 'generl' is not provided by the host (did you mean 'general'?)")]
    [InlineData("unknown calendar", "  main:\n    type: branch\n    cases:\n      - {open: seat-hour, goto: seat}\n    else: bye\n", "14:16", "calendar 'seat-hour' is not provided by the host (did you mean 'seat-hours'?)")]
    [InlineData("unknown validator", "  main:\n    type: collect\n    prompt: enter-code\n    into: code\n    max: 12\n    validator: invoice-cod\n    next: bye\n", "16:16", "validator 'invoice-cod' is not provided by the host (did you mean 'invoice-code'?)")]
    [InlineData("loop of gotos", "  main:\n    type: goto\n    goto: again\n  again:\n    type: goto\n    goto: main\n", "11:3", "nodes 'main' → 'again' → 'main' loop without any caller input")]
    [InlineData("loop through set and branch", "  main:\n    type: set\n    set: {x: 1}\n    next: check\n  check:\n    type: branch\n    cases:\n      - {var: x, equals: 1, goto: main}\n    else: bye\n", "11:3", "loop without any caller input")]
    [InlineData("collect max below min", "  main:\n    type: collect\n    prompt: enter-code\n    into: code\n    min: 10\n    max: 8\n    next: bye\n", "16:10", "'max' (8) is less than 'min' (10)")]
    [InlineData("collect without into", "  main:\n    type: collect\n    prompt: enter-code\n    max: 8\n    next: bye\n", "12:5", "node 'main' needs 'into'")]
    [InlineData("menu without options", "  main:\n    type: menu\n    prompt: main-menu\n", "12:5", "node 'main' needs 'options'")]
    [InlineData("node that is a value", "  main: bye\n", "11:9", "node 'main' must be a mapping with a 'type', found a value")]
    [InlineData("options as a list", "  main:\n    type: menu\n    prompt: main-menu\n    options: [bye]\n", "14:14", "'options' must be a mapping of name: value, found a list")]
    [InlineData("confirm in words", "  main:\n    type: collect\n    prompt: enter-code\n    into: code\n    max: 8\n    confirm: maybe\n    next: bye\n", "16:14", "'confirm' must be true or false, found 'maybe'")]
    [InlineData("unknown read-back kind", "  main:\n    type: collect\n    prompt: enter-code\n    into: code\n    max: 8\n    read-back: amout\n    next: bye\n", "16:16", "'read-back' must be a value kind, found 'amout' (did you mean 'amount'?)")]
    [InlineData("unknown language", "  main:\n    type: language\n    language: fr-FR\n    next: bye\n", "13:15", "language 'fr-FR' is not one of the menu languages")]
    [InlineData("case with two tests", "  main:\n    type: branch\n    cases:\n      - {open: seat-hours, language: en-US, goto: seat}\n    else: bye\n", "14:9", "must test exactly one of 'open', 'closed', 'language' or 'var'")]
    [InlineData("variable without comparison", "  main:\n    type: branch\n    cases:\n      - {var: x, goto: seat}\n    else: bye\n", "14:15", "'var' needs exactly one comparison")]
    [InlineData("unknown SMS template", "  main:\n    type: sms\n    template: tickt\n    next: bye\n", "13:15", "SMS template 'tickt' is not provided by the host (did you mean 'ticket'?)")]
    [InlineData("per-language prompt missing English", "  main:\n    type: play\n    play: [{zh-CN: welcome}]\n    next: bye\n", "13:12", "no en-US prompt in this per-language item (add 'en-US: prompt-id')")]
    [InlineData("misspelt value kind", "  main:\n    type: play\n    play: [{amout: $x}]\n    next: bye\n", "13:13", "'amout' is neither a language nor a value kind (did you mean 'amount'?)")]
    [InlineData("bare star as a key", "  main:\n    type: menu\n    prompt: main-menu\n    back-key: *\n    options: {1: bye}\n", "14:15", "put the key in quotes")]
    [InlineData("visit cap out of range", "  main:\n    type: goto\n    max-visits: 1000\n    goto: bye\n", "13:17", "'max-visits' is 1000, out of range")]
    [InlineData("recording too long", "  main:\n    type: record\n    prompt: after-beep\n    max-length: 1h\n    into: r\n    next: bye\n", "14:17", "'max-length' must be a duration, found '1h'")]
    [InlineData("unclosed bracket", "  main:\n    type: menu\n    prompt: main-menu\n    options: {1: bye\n", "15:1", "did not find expected ',' or '}'")]
    [InlineData("survey scale too large", "  main:\n    type: survey\n    prompt: rate-us\n    scale: 10\n    into: score\n    next: bye\n", "14:12", "'scale' is 10, out of range")]
    [InlineData("seat key with no seat", "  main:\n    type: menu\n    prompt: main-menu\n    seat: nowhere\n    options: {1: bye}\n", "14:11", "goes to 'nowhere', which is not a node")]
    [InlineData("empty next", "  main:\n    type: play\n    play: welcome\n    next:\n", "14:10", "node 'main': 'next' is empty (write a node id after 'next:')")]
    public void Broken_node_gives_error_at_its_position(string because, string nodes, string at, string message) =>
        ExpectError(Header + nodes, at, message, because);

    [Theory]
    [InlineData("no entry for the hotline", "entries:\n  \"12315\": bye\nnodes:\n  bye: {type: hangup}\n", "1:1", "no entry node for '12366'")]
    [InlineData("entry to a missing node", "entries:\n  \"12366\": mian\nnodes:\n  main: {type: hangup}\n", "2:12", "entry '12366' goes to 'mian', which is not a node (did you mean 'main'?)")]
    [InlineData("misspelt default", "defaults:\n  tmeout: 5\nentries: {\"12366\": bye}\nnodes:\n  bye: {type: hangup}\n", "2:3", "defaults: unknown key 'tmeout' (did you mean 'timeout'?)")]
    [InlineData("misspelt section", "entries: {\"12366\": bye}\nnode:\n  bye: {type: hangup}\n", "2:1", "unknown key 'node' (did you mean 'nodes'?)")]
    [InlineData("file that is a list", "- bye\n", "1:1", "a menu file is a mapping with 'nodes:', found a list")]
    [InlineData("menu with nowhere to fail to", "defaults: {seat: bye}\nentries: {\"12366\": main}\nnodes:\n  main: {type: menu, prompt: main-menu, options: {1: bye}}\n  bye: {type: hangup}\n", "4:3", "node 'main' has no 'on-fail'")]
    [InlineData("same standard key twice", "defaults: {back-key: \"#\"}\nentries: {\"12366\": bye}\nnodes:\n  bye: {type: hangup}\n", "1:11", "back-key and repeat-key are all '#'")]
    public void Broken_file_gives_error_at_its_position(string because, string yaml, string at, string message) =>
        ExpectError(yaml, at, message, because);

    [Fact]
    public void Node_defined_in_two_files_names_both_places()
    {
        var result = MenuLoader.Load([new MenuSource("a.yaml", Header + "  main: {type: goto, goto: bye}\n"),
            new MenuSource("b.yaml", "nodes:\n  main: {type: hangup}\n")], TestHost.Catalog);
        AssertHas(result, "b.yaml:2:3", "node 'main' is already defined at a.yaml:11:3", "duplicate across files");
    }

    [Fact]
    public void Two_defaults_sections_are_an_error()
    {
        var result = MenuLoader.Load([new MenuSource("a.yaml", Header + "  main: {type: goto, goto: bye}\n"),
            new MenuSource("b.yaml", "defaults:\n  tries: 2\n")], TestHost.Catalog);
        AssertHas(result, "b.yaml:2:3", "'defaults' are already given at a.yaml:2:3", "two defaults");
    }

    [Fact]
    public void Unreachable_node_is_a_warning_not_an_error()
    {
        var result = TestHost.Load(Header + "  main: {type: goto, goto: bye}\n  lost: {type: hangup}\n");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("menu.yaml:12:3: warning: node 'lost' cannot be reached from any entry (link it from a menu option or an entry, or delete it)", warning.ToString());
    }

    [Fact]
    public void Loop_bounded_by_max_visits_is_accepted()
    {
        var result = TestHost.Load(Header + "  main: {type: goto, goto: again, max-visits: 3}\n  again: {type: goto, goto: main}\n");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once()
    {
        var result = TestHost.Load(Header + "  main:\n    type: menu\n    promt: main-menu\n    tries: 0\n    options: {1: byee}\n");
        Assert.Equal(4, result.Errors.Count());
    }

    static void ExpectError(string yaml, string at, string message, string because) =>
        AssertHas(TestHost.Load(yaml), "menu.yaml:" + at, message, because);

    static void AssertHas(MenuLoadResult result, string at, string message, string because)
    {
        Assert.False(result.Succeeded, $"{because}: loaded without errors");
        var all = string.Join("\n", result.Diagnostics);
        Assert.True(result.Errors.Any(d => d.At.ToString() == at && d.ToString().Contains(message, StringComparison.Ordinal)),
            $"{because}: expected error at {at} containing \"{message}\", got:\n{all}");
    }
}

using Ivr.Menus.Engine;
using Ivr.Menus.Model;

namespace Ivr.Tests.Menus;

/// <summary>A menu using every node type, and a driver that keeps one call's state between events.</summary>
public sealed class EngineMenu
{
    public const string Yaml = """
        defaults:
          invalid: invalid
          no-input: no-input
          confirm: confirm
          capped: goodbye
          seat: seat
          on-fail: bye
          tries: 2
          max-visits: 3
          max-steps: 40
        entries:
          "12366": welcome
        nodes:
          welcome: {type: play, play: welcome, next: main}
          main:
            type: menu
            prompt: main-menu
            options:
              1: code
              2: {goto: hours, say: [人工, agent]}
              3: rate
              4: sub
              5: spin
              6: complain
              9: english
          code:
            type: collect
            prompt: enter-code
            into: code
            min: 10
            max: 12
            validator: invoice-code
            confirm: true
            mask: true
            next: verify
          verify:
            type: action
            action: invoice.verify
            args: {code: $code, number: "12345678"}
            outputs: {seller: seller}
            results: {match: told, mismatch: bye}
            else: bye
          told: {type: play, play: [result-match, {digits: $seller}], next: bye}
          hours:
            type: branch
            cases: [{open: seat-hours, goto: seat}]
            else: bye
          seat: {type: queue, queue: general, next: rate}
          rate: {type: survey, prompt: rate-us, into: score, next: bye}
          sub: {type: subflow, flow: shared, next: after-sub}
          shared: {type: set, set: {visited: "yes"}, next: ret}
          ret: {type: return}
          after-sub: {type: play, play: welcome, next: bye}
          spin: {type: goto, goto: spin-back, max-visits: 3}
          spin-back: {type: set, set: {n: "1"}, next: spin}
          complain: {type: record, prompt: after-beep, into: recording, next: ticket}
          ticket:
            type: action
            action: ticket.create
            args: {recording: $recording}
            outputs: {ticket: ticket}
            results: {created: sms, error: bye}
          sms: {type: sms, template: ticket, params: {ticket: $ticket}, next: bye}
          english: {type: language, language: en-US, next: main}
          bye: {type: hangup, prompt: goodbye}
        """;

    public static readonly MenuSet Set = TestHost.Load(Yaml) is { Set: { } s } ? s
        : throw new InvalidOperationException(string.Join("\n", TestHost.Load(Yaml).Diagnostics));

    public static readonly DateOnly Today = new(2026, 11, 23);

    readonly MenuEngine _engine = new(Set);
    public CallState State { get; private set; }
    public IReadOnlyList<CallCommand> Last { get; private set; }

    public EngineMenu(bool seatsOpen = true, string? language = null)
    {
        var step = _engine.Start(new CallEvent.Started("13800000000", "12366", language, Today,
            seatsOpen ? new HashSet<string> { "seat-hours" } : new HashSet<string>()));
        (State, Last) = (step.State, step.Commands);
    }

    public IReadOnlyList<CallCommand> Send(CallEvent e)
    {
        var step = _engine.Handle(State, e);
        (State, Last) = (step.State, step.Commands);
        return Last;
    }

    public IReadOnlyList<CallCommand> Press(string keys)
    {
        var all = new List<CallCommand>();
        foreach (var k in keys) all.AddRange(Send(new CallEvent.Digit(k, TimeSpan.Zero)));
        return Last = all;
    }

    /// <summary>Finishes the playback now running.</summary>
    public IReadOnlyList<CallCommand> Finish() => Send(new CallEvent.PromptFinished(State.Playback ?? throw new InvalidOperationException("nothing is playing")));

    public IReadOnlyList<CallCommand> Timeout() => Send(new CallEvent.TimerFired(State.Timer ?? throw new InvalidOperationException("no timer runs")));

    public static IEnumerable<string> Prompts(IEnumerable<CallCommand> commands) =>
        commands.OfType<CallCommand.Play>().SelectMany(p => p.Items).Select(i => i switch
        {
            Spoken.Prompt p => p.Id,
            Spoken.Value v => $"{v.Kind.ToString().ToLowerInvariant()}:{v.Text}",
            _ => "?",
        });
}

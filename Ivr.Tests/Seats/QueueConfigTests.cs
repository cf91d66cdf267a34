using Ivr.Service.Menus;
using Ivr.Service.Seats.Config;
using Ivr.Service.Speech;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Seats;

/// <summary>seats/queues.yaml: the shipped file loads, and broken files are refused with position and fix.</summary>
public sealed class QueueConfigTests
{
    static readonly IReadOnlySet<string> None = new HashSet<string>();

    [Fact]
    public void Shipped_queues_file_defines_every_queue_the_menus_use()
    {
        var file = Path.Combine(Servers.RepoRoot(), "seats", "queues.yaml");
        var catalog = PromptCatalog.Load(Path.Combine(Servers.RepoRoot(), "prompts", "catalog.yaml"));

        var config = QueueConfigLoader.Parse(file, File.ReadAllText(file), HostRegistry.Queues, catalog.Prompts.ContainsKey, out var warnings);

        Assert.Superset(HostRegistry.Queues.ToHashSet(), config.Queues.Keys.ToHashSet());
        Assert.Equal("general", config.Queues["tax-policy"].Overflow);
        Assert.Equal(["tax-policy"], config.Queues["tax-policy"].Skills);
        Assert.Equal('1', config.Queues["general"].LeaveKey);
        Assert.Equal("PJSIP/2001", config.DialStringOf("2001"));
        Assert.All(warnings, w => Assert.Equal(Ivr.Menus.Diagnostics.Severity.Warning, w.Severity));
    }

    [Fact]
    public void Queue_with_every_setting_is_read_as_written()
    {
        var q = Load("""
            dial-target: "Local/{seat}@seats"
            calendars: {day: {windows: "08:30-17:00", time-zone: Asia/Shanghai}}
            queues:
              vat:
                skills: [vat, english]
                strategy: longest-idle
                ring-timeout: 12s
                wrap-up: 500ms
                max-wait: 2m
                max-length: 30
                join-empty: true
                hours: day
                overflow: spare
                leave-key: "#"
                pause-after-misses: 3
                record: true
                moh-class: calm
                announce: {every: 20s, position: p, wait: w, minutes: m}
              spare: {}
            """).Queues["vat"];

        Assert.Equal(["vat", "english"], q.Skills);
        Assert.Equal((TimeSpan.FromSeconds(12), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(2)), (q.RingTimeout, q.WrapUp, q.MaxWait));
        Assert.Equal((30, true, "day", "spare", '#', 3, true, "calm"), (q.MaxLength, q.JoinEmpty, q.Hours, q.Overflow, q.LeaveKey, q.PauseAfterMisses, q.Record, q.MohClass));
        Assert.Equal(new AnnounceSettings(TimeSpan.FromSeconds(20), "p", "w", "m"), q.Announce);
    }

    [Theory]
    [InlineData("queues:\n  a:\n    ring-timout: 5s\n", "test.yaml:3:5", "unknown key 'ring-timout'", "did you mean 'ring-timeout'?")]
    [InlineData("queues:\n  a:\n    strategy: ring-al\n", "test.yaml:3:15", "strategy 'ring-al' is unknown", "did you mean 'ring-all'?")]
    [InlineData("queues:\n  a:\n    callback-order: taxpayer\n", "test.yaml:3:21", "callback-order 'taxpayer' is unknown", "expected one of: seat-first, taxpayer-first")]
    [InlineData("queues:\n  a:\n    callback-offer: {outside-hours: true}\n", "test.yaml:3:21", "callback-offer needs 'above'", "above: 5m")]
    [InlineData("queues:\n  a:\n    callback-offer: {above: 3m, promt: x}\n", "test.yaml:3:33", "unknown key 'promt'", "did you mean 'prompt'?")]
    [InlineData("queues:\n  a:\n    overflow: b\n  b:\n    overflow: a\n", "test.yaml:3:15", "overflow goes round in a circle", "end the chain")]
    [InlineData("queues:\n  a:\n    overflow: genral\n  general: {}\n", "test.yaml:3:15", "overflow queue 'genral' is not defined", "did you mean 'general'?")]
    [InlineData("queues:\n  a:\n    hours: office\n", "test.yaml:3:12", "calendar 'office' is not defined", "nothing of that kind")]
    [InlineData("calendars:\n  office: {windows: \"18:00-09:00\"}\nqueues: {}\n", "test.yaml:2:21", "ends before it starts", "09:00-12:00")]
    [InlineData("queues:\n  a:\n    leave-key: \"12\"\n", "test.yaml:3:16", "leave-key '12' must be one key", "quote * and #")]
    [InlineData("queues:\n  a:\n    ring-timeout: 0s\n", "test.yaml:3:19", "'ring-timeout' is 0s, out of range", "1s to 120s")]
    [InlineData("queues:\n  a:\n    max-length: many\n", "test.yaml:3:17", "'max-length' must be a whole number", "1 to 100000")]
    [InlineData("dial-target: PJSIP/2001\nqueues: {}\n", "test.yaml:1:14", "must be a channel technology with {seat}", "PJSIP/{seat}")]
    [InlineData("queues:\n  a:\n    skills: [vat, \"tax policy\"]\n", "test.yaml:3:19", "skill 'tax policy' is not a plain name", "letters, digits")]
    [InlineData("queue: {}\n", "test.yaml:1:1", "queues file needs 'queues'", "add 'queues:'")]
    public void Broken_queues_file_is_refused_with_position_message_and_fix(string yaml, string at, string message, string hint)
    {
        var e = Assert.Throws<QueueConfigException>(() => Load(yaml));

        Assert.Contains(e.Diagnostics, d => d.At.ToString() == at && d.Message.Contains(message, StringComparison.Ordinal)
            && (d.Hint ?? "").Contains(hint, StringComparison.Ordinal));
    }

    [Fact]
    public void Queue_a_menu_uses_but_the_file_lacks_is_an_error_naming_it()
    {
        var e = Assert.Throws<QueueConfigException>(() =>
            QueueConfigLoader.Parse("test.yaml", "queues:\n  general: {}\n", new HashSet<string> { "general", "tax-policy" }, null, out _));

        var d = Assert.Single(e.Diagnostics);
        Assert.Equal("queue 'tax-policy' is used by the menus but not defined here", d.Message);
        Assert.Equal("test.yaml:2:3", d.At.ToString());
    }

    [Fact]
    public void Announcement_prompt_missing_from_the_catalogue_is_a_warning_not_an_error()
    {
        QueueConfigLoader.Parse("test.yaml", "queues:\n  a:\n    announce: {every: 30s, position: nowhere}\n", None, id => id != "nowhere", out var warnings);

        var w = Assert.Single(warnings);
        Assert.Contains("prompt 'nowhere'", w.Message);
        Assert.Equal("test.yaml:3:38", w.At.ToString());
    }

    [Fact]
    public void Ring_all_taxpayer_first_and_the_callback_offer_are_read_back()
    {
        var q = Load("""
            queues:
              a:
                strategy: ring-all
                callback-order: taxpayer-first
                callback-offer: {above: 90s, outside-hours: true, prompt: o, number-prompt: n, done-prompt: d}
            """).Queues["a"];

        Assert.Equal((SeatStrategy.RingAll, CallbackOrder.TaxpayerFirst), (q.Strategy, q.CallbackOrder));
        Assert.Equal(new CallbackOfferSettings(TimeSpan.FromSeconds(90), true, "o", "n", "d"), q.CallbackOffer);
        Assert.Equal((SeatStrategy.LongestIdle, CallbackOrder.SeatFirst, null), (Load("queues:\n  b: {}\n").Queues["b"] is var b ? (b.Strategy, b.CallbackOrder, b.CallbackOffer) : default));
    }

    static SeatsConfig Load(string yaml) => QueueConfigLoader.Parse("test.yaml", yaml, None, null, out _);
}

using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;
using Ivr.Menus.Yaml;

namespace Ivr.Menus.Loading;

/// <summary>Reads the `defaults:` section; anything not given keeps the built-in default of <see cref="MenuDefaults"/>.</summary>
public static class DefaultsParser
{
    public static MenuDefaults Parse(YMapping map, DiagnosticBag diagnostics)
    {
        var f = new Fields(map, "defaults", diagnostics);
        var d = new MenuDefaults();
        var languages = f.Sequence("languages")?.Items.Select(i => f.AsScalar(i, "languages")?.Value).OfType<string>().ToList();
        if (languages is { Count: 0 }) diagnostics.Error(map.Get("languages")!.At, "defaults: 'languages' is empty", "list at least one language, e.g. [zh-CN, en-US]");
        else if (languages is not null) d = d with { Languages = languages };
        var play = new PlayItemParser(d.Languages, diagnostics);
        d = d with
        {
            Timeout = f.Duration("timeout", Limits.MinTimeout, Limits.MaxTimeout) ?? d.Timeout,
            InterDigitTimeout = f.Duration("inter-digit-timeout", Limits.MinInterDigit, Limits.MaxInterDigit) ?? d.InterDigitTimeout,
            OverallTimeout = f.Duration("overall-timeout", Limits.MinOverall, Limits.MaxOverall) ?? d.OverallTimeout,
            Tries = f.Int("tries", Limits.MinTries, Limits.MaxTries) ?? d.Tries,
            Invalid = play.Parse(f.Node("invalid"), "defaults"),
            NoInput = play.Parse(f.Node("no-input"), "defaults"),
            Confirm = play.Parse(f.Node("confirm"), "defaults"),
            Capped = play.Parse(f.Node("capped"), "defaults"),
            SeatKey = KeyParser.Optional(f, "seat-key", d.SeatKey),
            Seat = f.Ref("seat"),
            BackKey = KeyParser.Optional(f, "back-key", d.BackKey),
            RepeatKey = KeyParser.Optional(f, "repeat-key", d.RepeatKey),
            OnFail = f.Ref("on-fail"),
            MaxSteps = f.Int("max-steps", Limits.MinSteps, Limits.MaxSteps) ?? d.MaxSteps,
            MaxVisits = f.Int("max-visits", Limits.MinVisits, Limits.MaxVisits) ?? d.MaxVisits,
        };
        f.ReportUnknown();
        var keys = new[] { ("seat-key", d.SeatKey), ("back-key", d.BackKey), ("repeat-key", d.RepeatKey) }.Where(k => k.Item2 is not null).ToList();
        foreach (var clash in keys.GroupBy(k => k.Item2).Where(g => g.Count() > 1))
            diagnostics.Error(map.At, $"defaults: {string.Join(" and ", clash.Select(c => c.Item1))} are all '{clash.Key}'", "give each standard key its own key");
        return d;
    }
}

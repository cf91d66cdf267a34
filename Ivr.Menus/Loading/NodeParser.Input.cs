using Ivr.Menus.Diagnostics;
using Ivr.Menus.Model;
using Ivr.Menus.Yaml;

namespace Ivr.Menus.Loading;

/// <summary>Readers of the nodes that wait for the caller: menu, collect, survey, record.</summary>
public sealed partial class NodeParser
{
    sealed record Ask(IReadOnlyList<PlayItem> Prompt, IReadOnlyList<PlayItem> Invalid, IReadOnlyList<PlayItem> NoInput, int Tries, TimeSpan Timeout);

    Ask ReadAsk(Fields f, string timeoutKey) => new(
        Play(f, "prompt", required: true),
        Play(f, "invalid", inherited: defaults.Invalid),
        Play(f, "no-input", inherited: defaults.NoInput),
        f.Int("tries", Limits.MinTries, Limits.MaxTries) ?? defaults.Tries,
        f.Duration(timeoutKey, Limits.MinTimeout, Limits.MaxTimeout) ?? defaults.Timeout);

    ChoiceNode Menu(Fields f)
    {
        var ask = ReadAsk(f, "timeout");
        var seatKey = KeyParser.Optional(f, "seat-key", defaults.SeatKey);
        var backKey = KeyParser.Optional(f, "back-key", defaults.BackKey);
        var repeatKey = KeyParser.Optional(f, "repeat-key", defaults.RepeatKey);
        var standard = new Dictionary<string, string>();
        foreach (var (name, key) in new[] { ("seat-key", seatKey), ("back-key", backKey), ("repeat-key", repeatKey) })
            if (key is not null) standard.TryAdd(key, name);
        var options = new List<MenuOption>();
        foreach (var (key, value) in f.Mapping("options", required: true)?.Entries ?? [])
        {
            if (KeyParser.Check(f, key, "option key") is null) continue;
            if (standard.TryGetValue(key.Value, out var claimedBy))
            {
                diagnostics.Error(key.At, $"{f.Owner}: option '{key.Value}' uses the key the defaults give to {claimedBy}",
                    $"choose another key, or write '{claimedBy}: none' on this node");
                continue;
            }
            if (Option(f, key, value) is { } option) options.Add(option);
        }
        return new ChoiceNode
        {
            Prompt = ask.Prompt, Options = options, Invalid = ask.Invalid, NoInput = ask.NoInput, Tries = ask.Tries, Timeout = ask.Timeout,
            OnFail = f.Ref("on-fail") ?? defaults.OnFail, SeatKey = seatKey, Seat = f.Ref("seat") ?? defaults.Seat,
            BackKey = backKey, RepeatKey = repeatKey,
        };
    }

    MenuOption? Option(Fields f, YScalar key, YNode value)
    {
        if (value is YScalar target) return new MenuOption(key.At, key.Value, new NodeRef(target.Value, target.At), []);
        if (value is not YMapping map)
        {
            diagnostics.Error(value.At, $"{f.Owner}: option '{key.Value}' must name a node or be a mapping with 'goto'", "write '1: node-id' or '1: {goto: node-id, say: [words]}'");
            return null;
        }
        var o = new Fields(map, $"{f.Owner} option '{key.Value}'", diagnostics);
        var target2 = o.Ref("goto", required: true);
        var say = o.Sequence("say")?.Items.Select(i => o.AsScalar(i, "say")?.Value).OfType<string>().ToList() ?? [];
        o.ReportUnknown();
        return target2 is null ? null : new MenuOption(key.At, key.Value, target2, say);
    }

    CollectNode Collect(Fields f)
    {
        var ask = ReadAsk(f, "first-timeout");
        var min = f.Int("min", 1, Limits.MaxDigits) ?? 1;
        var maxScalar = f.Scalar("max", required: true);
        var max = f.Int("max", 1, Limits.MaxDigits) ?? min;
        if (maxScalar is not null && max < min) diagnostics.Error(maxScalar.At, $"{f.Owner}: 'max' ({max}) is less than 'min' ({min})", "make max at least min");
        var terminator = KeyParser.Optional(f, "terminator", "#");
        var readBack = f.Scalar("read-back");
        var kind = ValueKind.Digits;
        if (readBack is not null && !Enum.TryParse(readBack.Value, ignoreCase: true, out kind))
            diagnostics.Error(readBack.At, $"{f.Owner}: 'read-back' must be a value kind, found '{readBack.Value}'",
                Suggestions.Hint(readBack.Value, [.. Enum.GetNames<ValueKind>().Select(n => n.ToLowerInvariant())]));
        return new CollectNode
        {
            Prompt = ask.Prompt, Invalid = ask.Invalid, NoInput = ask.NoInput, Tries = ask.Tries, FirstTimeout = ask.Timeout,
            Into = VariableName(f, "into"), MinLength = min, MaxLength = max, Terminator = terminator?[0],
            InterDigitTimeout = f.Duration("inter-digit-timeout", Limits.MinInterDigit, Limits.MaxInterDigit) ?? defaults.InterDigitTimeout,
            OverallTimeout = f.Duration("overall-timeout", Limits.MinOverall, Limits.MaxOverall) ?? defaults.OverallTimeout,
            Validator = f.Name("validator"), Confirm = f.Bool("confirm") ?? false, ReadBack = kind,
            ConfirmPrompt = Play(f, "confirm-prompt", inherited: defaults.Confirm), Mask = f.Bool("mask") ?? false,
            Next = Next(f), OnFail = f.Ref("on-fail") ?? defaults.OnFail,
        };
    }

    SurveyNode Survey(Fields f)
    {
        var ask = ReadAsk(f, "timeout");
        return new SurveyNode
        {
            Prompt = ask.Prompt, Invalid = ask.Invalid, NoInput = ask.NoInput, Tries = ask.Tries, Timeout = ask.Timeout,
            Scale = f.Int("scale", 2, 9) ?? 5, Into = VariableName(f, "into"), Next = Next(f),
        };
    }

    RecordNode Record(Fields f) => new()
    {
        Prompt = Play(f, "prompt", required: true),
        MaxLength = f.Duration("max-length", Limits.MinRecording, Limits.MaxRecording) ?? TimeSpan.FromSeconds(120),
        Beep = f.Bool("beep") ?? true,
        SilenceEnd = f.Duration("silence", Limits.MinSilence, Limits.MaxSilence) ?? TimeSpan.FromSeconds(5),
        Into = VariableName(f, "into"),
        Next = Next(f),
    };
}

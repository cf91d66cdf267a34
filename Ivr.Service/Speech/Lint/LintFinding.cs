namespace Ivr.Service.Speech.Lint;

public enum LintSeverity { Error, Warning }

/// <summary>One problem found in the catalogue, at file:line, with what to do about it.</summary>
public sealed record LintFinding(LintSeverity Severity, string File, int Line, string PromptId, string Message)
{
    /// <summary>file:line: severity: prompt 'id': message; a finding about a whole folder has no line and no prompt.</summary>
    public override string ToString() => (Line > 0 ? $"{File}:{Line}" : File) + $": {(Severity == LintSeverity.Error ? "error" : "warning")}: "
        + (PromptId.Length > 0 ? $"prompt '{PromptId}': " : "") + Message;
}

/// <summary>Lint limits: the longest text a prompt may have per language, in spoken characters.</summary>
public sealed record LintOptions(IReadOnlyDictionary<string, int> MaxChars)
{
    /// <summary>About 15 s of speech at a telephone pace: a longer prompt loses callers; split it.</summary>
    public static LintOptions Default { get; } = new(new Dictionary<string, int> { ["zh-CN"] = 60, ["en-US"] = 160 });

    /// <summary>Overrides limits from `LANG=N` items (the --max-chars option); a malformed item is refused by name.</summary>
    public LintOptions WithLimits(IEnumerable<string> items)
    {
        var limits = new Dictionary<string, int>(MaxChars);
        foreach (var item in items)
        {
            var parts = item.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], out var n) || n <= 0)
                throw new ArgumentException($"--max-chars '{item}' must be LANG=N, e.g. zh-CN=60");
            limits[parts[0]] = n;
        }
        return new LintOptions(limits);
    }
}

using System.Globalization;

namespace Ivr.Simulator.Dialplan;

/// <summary>Reads the extensions.conf subset the simulator runs; every mistake is reported with file:line and a hint.</summary>
internal static class DialplanParser
{
    /// <summary>The applications the interpreter knows.</summary>
    public static readonly IReadOnlySet<string> KnownApps = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Answer", "Stasis", "Hangup", "Busy", "Congestion", "Ringing", "Wait", "NoOp", "Set", "Goto", "Progress", "Dial",
    };

    public static DialplanBook Load(string path)
    {
        if (!File.Exists(path)) throw new DialplanException($"{path}: dialplan file not found (SimulatorOptions.DialplanPath / --dialplan)");
        return Parse(File.ReadAllText(path), path);
    }

    public static DialplanBook Parse(string text, string file)
    {
        var contexts = new Dictionary<string, (List<(string Pattern, List<DialplanStep> Steps)> Extens, List<string> Includes)>(StringComparer.Ordinal);
        var errors = new List<string>();
        string? context = null;
        (string Pattern, List<DialplanStep> Steps)? last = null;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var where = $"{file}:{lineNo}";
            var line = StripComment(raw).Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('['))
            {
                var close = line.IndexOf(']');
                if (close < 0) { errors.Add($"{where}: '[' without ']' (write [context-name])"); continue; }
                context = line[1..close].Trim();
                last = null;
                if (context is "general" or "globals") { context = null; continue; }
                if (!contexts.ContainsKey(context)) contexts[context] = ([], []);
                continue;
            }
            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            var eq = arrow >= 0 ? arrow : line.IndexOf('=');
            if (eq < 0) { errors.Add($"{where}: expected 'exten => ...', 'same => ...' or 'include => ...', got '{line}'"); continue; }
            var key = line[..eq].Trim().ToLowerInvariant();
            var value = line[(eq + (arrow >= 0 ? 2 : 1))..].Trim();
            if (context is null)
            {
                if (key is "static" or "writeprotect" or "autofallthrough" or "clearglobalvars" or "extenpatternmatchnew") continue;
                errors.Add($"{where}: '{key}' outside a context (put it under a [context] line)");
                continue;
            }
            var ctx = contexts[context];
            switch (key)
            {
                case "include":
                    ctx.Includes.Add(value);
                    break;
                case "exten":
                {
                    var parts = value.Split(',', 3);
                    if (parts.Length < 3) { errors.Add($"{where}: exten needs 'pattern,priority,App(args)', got '{value}'"); break; }
                    var pattern = parts[0].Trim();
                    var ext = ctx.Extens.FirstOrDefault(e => e.Pattern == pattern);
                    if (ext.Steps is null) { ext = (pattern, []); ctx.Extens.Add(ext); }
                    last = ext;
                    AddStep(ext.Steps, parts[1].Trim(), parts[2].Trim(), where, errors);
                    break;
                }
                case "same":
                {
                    if (last is not { } ext) { errors.Add($"{where}: 'same =>' with no 'exten =>' before it in [{context}]"); break; }
                    var parts = value.Split(',', 2);
                    if (parts.Length < 2) { errors.Add($"{where}: same needs 'priority,App(args)', got '{value}'"); break; }
                    AddStep(ext.Steps, parts[0].Trim(), parts[1].Trim(), where, errors);
                    break;
                }
                default:
                    errors.Add($"{where}: unknown key '{key}' (the simulator reads exten, same and include)");
                    break;
            }
        }
        if (errors.Count > 0) throw new DialplanException(string.Join(Environment.NewLine, errors));
        return new DialplanBook(contexts.ToDictionary(
            c => c.Key,
            c => new DialplanContext(c.Key, c.Value.Extens.Select(e => new DialplanExtension(e.Pattern, e.Steps)).ToList(), c.Value.Includes),
            StringComparer.Ordinal));
    }

    static void AddStep(List<DialplanStep> steps, string priority, string call, string where, List<string> errors)
    {
        string? label = null;
        var open = priority.IndexOf('(');
        if (open > 0 && priority.EndsWith(')')) { label = priority[(open + 1)..^1]; priority = priority[..open]; }
        int number;
        if (priority == "n") number = steps.Count == 0 ? 1 : steps[^1].Priority + 1;
        else if (!int.TryParse(priority, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1)
        {
            errors.Add($"{where}: priority '{priority}' is not a number or 'n'");
            return;
        }
        var paren = call.IndexOf('(');
        string app, data;
        if (paren < 0) { app = call; data = ""; }
        else if (!call.EndsWith(')')) { errors.Add($"{where}: '{call}' has '(' without a closing ')'"); return; }
        else { app = call[..paren].Trim(); data = call[(paren + 1)..^1]; }
        if (!KnownApps.Contains(app))
        {
            errors.Add($"{where}: application '{app}' is not simulated (known: {string.Join(", ", KnownApps.Order())})");
            return;
        }
        steps.Add(new DialplanStep(number, label, app, data, where));
    }

    static string StripComment(string line)
    {
        var i = line.IndexOf(';');
        return i < 0 ? line : line[..i];
    }
}

/// <summary>The dialplan cannot be loaded; the message lists every problem with file:line.</summary>
public sealed class DialplanException(string message) : Exception(message);

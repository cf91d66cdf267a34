namespace Ivr.Service.Speech;

/// <summary>`--name value` and `--flag` options of one `ivr prompts` verb; anything not declared is refused by name.</summary>
public sealed class CommandOptions
{
    readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    readonly HashSet<string> flags = new(StringComparer.Ordinal);
    readonly List<(string Name, string Value)> repeated = [];

    /// <summary>Parses <paramref name="args"/>; <paramref name="valued"/> take a value, <paramref name="switches"/> do not.</summary>
    public static CommandOptions Parse(string verb, string[] args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> switches)
    {
        var o = new CommandOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (switches.Contains(a)) o.flags.Add(a);
            else if (valued.Contains(a))
            {
                if (i + 1 >= args.Length) throw new ArgumentException($"ivr prompts {verb}: {a} needs a value");
                o.values[a] = args[++i];
                o.repeated.Add((a, args[i]));
            }
            else throw new ArgumentException(
                $"ivr prompts {verb}: unknown option '{a}' (options: {string.Join(", ", valued.Select(v => v + " VALUE").Concat(switches))})");
        }
        return o;
    }

    public string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public bool Has(string name) => flags.Contains(name);

    /// <summary>Every value given for an option that may repeat (`--max-chars zh-CN=60 --max-chars en-US=150`).</summary>
    public IEnumerable<string> All(string name) => repeated.Where(r => r.Name == name).Select(r => r.Value);

    public int GetInt(string name, int fallback) =>
        !values.TryGetValue(name, out var v) ? fallback
        : int.TryParse(v, out var n) && n > 0 ? n
        : throw new ArgumentException($"{name} must be a positive whole number, not '{v}'");
}

namespace Ivr.Service.Menus;

/// <summary>The options of the `ivr menus` verbs.</summary>
public sealed record MenuOptions
{
    public List<string> Paths { get; } = [];
    public string Menus { get; private set; } = "menus";
    public string Prompts { get; private set; } = Path.Combine("prompts", "catalog.yaml");
    public bool Audio { get; private set; }
    public string? Out { get; private set; }
    public string Entry { get; private set; } = "12366";
    public string Caller { get; private set; } = "13800000000";
    public string? Language { get; private set; }
    public bool Closed { get; private set; }
    public Dictionary<string, string> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>Menu files to load: the paths given, or the menus folder.</summary>
    public IReadOnlyList<string> MenuPaths => Paths.Count > 0 ? Paths : [Menus];

    public static MenuOptions Parse(string[] args)
    {
        var o = new MenuOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"'{args[i]}' needs a value");
            switch (args[i])
            {
                case "--menus": o.Menus = Value(); break;
                case "--prompts": o.Prompts = Value(); break;
                case "--audio": o.Audio = true; break;
                case "--out": o.Out = Value(); break;
                case "--entry": o.Entry = Value(); break;
                case "--from": o.Caller = Value(); break;
                case "--language": o.Language = Value(); break;
                case "--closed": o.Closed = true; break;
                case "--result":
                    var pair = Value().Split('=', 2);
                    if (pair.Length != 2) throw new ArgumentException($"--result wants ACTION=CODE, got '{args[i]}'");
                    o.Results[pair[0]] = pair[1];
                    break;
                case var flag when flag.StartsWith('-'): throw new ArgumentException($"unknown option '{flag}'");
                default: o.Paths.Add(args[i]); break;
            }
        }
        return o;
    }
}

namespace Ivr.Menus.Validation;

/// <summary>
/// Everything the host (Ivr.Service) provides that menus may name: actions, queues, calendars, digit validators
/// beyond the built-in ones, SMS templates, the entries it routes calls to, and prompts with the languages each
/// has text and audio in. Menus depend on this description only, never on the host's code.
/// </summary>
public sealed record HostCatalog
{
    public IReadOnlyDictionary<string, ActionDeclaration> Actions { get; init; } = new Dictionary<string, ActionDeclaration>();
    public IReadOnlySet<string> Queues { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Calendars { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Validators { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> SmsTemplates { get; init; } = new HashSet<string>();
    /// <summary>Dialled numbers and campaigns that must each have an entry node.</summary>
    public IReadOnlySet<string> RequiredEntries { get; init; } = new HashSet<string>();
    /// <summary>Prompt id → languages it can be played in.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Prompts { get; init; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>A catalogue with the given actions, for tests and tools.</summary>
    public static HostCatalog With(params ActionDeclaration[] actions) => new() { Actions = actions.ToDictionary(a => a.Name) };
}

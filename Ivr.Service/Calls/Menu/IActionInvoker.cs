namespace Ivr.Service.Calls.Menu;

/// <summary>The answer of a host action: one of its declared result codes and its outputs.</summary>
public sealed record ActionResult(string Code, IReadOnlyDictionary<string, string> Outputs)
{
    public static ActionResult Of(string code) => new(code, new Dictionary<string, string>());
}

/// <summary>
/// The call an action runs for. Back ends need it to decide who may hear what (a taxpayer's filings only to a number
/// registered for them), to rate-limit per caller and to answer in the caller's language.
/// </summary>
public sealed record ActionCall(string ChannelId, string CallerNumber, string DialledNumber, string Language);

/// <summary>Runs the host actions menus call by name (the names of <see cref="Ivr.Service.Menus.HostRegistry.Actions"/>).</summary>
public interface IActionInvoker
{
    Task<ActionResult> InvokeAsync(string action, IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct);
}

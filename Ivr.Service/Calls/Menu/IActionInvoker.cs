namespace Ivr.Service.Calls.Menu;

/// <summary>The answer of a host action: one of its declared result codes and its outputs.</summary>
public sealed record ActionResult(string Code, IReadOnlyDictionary<string, string> Outputs);

/// <summary>Runs the host actions menus call by name (the names of <see cref="Ivr.Service.Menus.HostRegistry.Actions"/>).</summary>
public interface IActionInvoker
{
    Task<ActionResult> InvokeAsync(string action, IReadOnlyDictionary<string, string> arguments, CancellationToken ct);
}

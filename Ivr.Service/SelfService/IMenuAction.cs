using Ivr.Service.Calls.Menu;

namespace Ivr.Service.SelfService;

/// <summary>
/// The back end of one menu action (<see cref="Ivr.Service.Menus.HostRegistry.Actions"/>). It answers with one of the
/// action's declared result codes; an exception is answered <c>error</c> by the call, so the caller takes the menu's
/// failure path instead of hearing silence.
/// </summary>
public interface IMenuAction
{
    string Name { get; }

    Task<ActionResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct);
}

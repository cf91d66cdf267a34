using Ivr.Service.Menus;

namespace Ivr.Service.Calls.Menu;

/// <summary>
/// The actions whose back ends are not connected yet answer with their declared <c>error</c> code, so the menu takes its
/// failure branch (usually a seat) instead of telling the caller something that was never checked.
/// </summary>
public sealed partial class UnavailableActions(ILogger<UnavailableActions> logger) : IActionInvoker
{
    static readonly IReadOnlyDictionary<string, string> NoOutputs = new Dictionary<string, string>();

    public Task<ActionResult> InvokeAsync(string action, IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        var declaration = HostRegistry.Actions.FirstOrDefault(a => a.Name == action)
            ?? throw new ArgumentException($"action '{action}' is not declared in HostRegistry.Actions", nameof(action));
        var code = declaration.Results.Contains("error") ? "error" : declaration.Results[^1];
        LogUnavailable(logger, action, code);
        return Task.FromResult(new ActionResult(code, NoOutputs));
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning,
        Message = "action {Action} is not implemented in this service yet: answered '{Code}' so the menu takes its failure path")]
    static partial void LogUnavailable(ILogger logger, string action, string code);
}

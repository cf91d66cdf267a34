using Ivr.Service.Calls.Menu;
using Ivr.Service.Menus;

namespace Ivr.Service.SelfService;

/// <summary>
/// Routes each menu action to its registered back end. An action without one answers its declared <c>error</c> code
/// (see <see cref="UnavailableActions"/>); a back end answering a code the action does not declare is a bug that would
/// strand the caller in the engine, so it is logged and answered <c>error</c> too.
/// </summary>
public sealed partial class SelfServiceActions(IEnumerable<IMenuAction> backEnds, UnavailableActions unavailable, ILogger<SelfServiceActions> logger)
    : IActionInvoker
{
    readonly IReadOnlyDictionary<string, IMenuAction> _byName = Index(backEnds);

    public IReadOnlyCollection<string> Connected => [.. _byName.Keys];

    public async Task<ActionResult> InvokeAsync(string action, IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        if (!_byName.TryGetValue(action, out var backEnd)) return await unavailable.InvokeAsync(action, arguments, call, ct);
        var result = await backEnd.InvokeAsync(arguments, call, ct);
        var declared = HostRegistry.Actions.First(a => a.Name == action).Results;
        if (declared.Contains(result.Code)) return result;
        LogUndeclared(logger, action, result.Code, string.Join(", ", declared));
        return ActionResult.Of("error");
    }

    static Dictionary<string, IMenuAction> Index(IEnumerable<IMenuAction> backEnds)
    {
        var byName = new Dictionary<string, IMenuAction>();
        foreach (var backEnd in backEnds)
        {
            if (HostRegistry.Actions.All(a => a.Name != backEnd.Name))
                throw new InvalidOperationException($"{backEnd.GetType().Name} serves '{backEnd.Name}', which HostRegistry.Actions does not declare");
            if (!byName.TryAdd(backEnd.Name, backEnd))
                throw new InvalidOperationException($"two back ends serve '{backEnd.Name}': {byName[backEnd.Name].GetType().Name} and {backEnd.GetType().Name}");
        }
        return byName;
    }

    [LoggerMessage(EventId = 6202, Level = LogLevel.Error,
        Message = "action {Action} answered '{Code}', which it does not declare ({Declared}): answered 'error' instead")]
    static partial void LogUndeclared(ILogger logger, string action, string code, string declared);
}

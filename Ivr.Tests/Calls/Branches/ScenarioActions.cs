using System.Threading.Channels;
using Ivr.Service.Calls.Menu;

namespace Ivr.Tests.Calls.Branches;

/// <summary>An action the service invoked, waiting for the scenario's answer.</summary>
public sealed record PendingAction(string Action, IReadOnlyDictionary<string, string> Arguments, ActionCall Call)
{
    internal TaskCompletionSource<ActionResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reply(string code, IReadOnlyDictionary<string, string> outputs) => Answer.TrySetResult(new ActionResult(code, outputs));
}

/// <summary>
/// The back ends of a scenario run: each invocation waits until the scenario's <c>action</c> step answers it, so a test
/// sees the arguments the service really sent, and an unanswered one stays in flight as a slow upstream would.
/// </summary>
public sealed class ScenarioActions : IActionInvoker
{
    readonly Channel<PendingAction> _invoked = Channel.CreateUnbounded<PendingAction>();

    public async Task<ActionResult> InvokeAsync(string action, IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        var pending = new PendingAction(action, arguments, call);
        await _invoked.Writer.WriteAsync(pending, ct);
        return await pending.Answer.Task.WaitAsync(ct);
    }

    /// <summary>The next action the service invoked.</summary>
    public async Task<PendingAction> NextAsync(TimeSpan wait, string expected)
    {
        try
        {
            return await _invoked.Reader.ReadAsync().AsTask().WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the service did not invoke action '{expected}' within {wait.TotalSeconds:0} s");
        }
    }
}

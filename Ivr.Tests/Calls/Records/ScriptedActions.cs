using System.Collections.Concurrent;
using Ivr.Service.Calls.Menu;

namespace Ivr.Tests.Calls.Records;

/// <summary>
/// Menu action back ends for call tests: each action answers the code set for it, or, when set to hang, waits until
/// the call is gone (its token is cancelled), as a slow upstream service would.
/// </summary>
public sealed class ScriptedActions : IActionInvoker
{
    public const string Hang = "(hang)";
    readonly ConcurrentDictionary<string, ActionResult> _answers = new();

    readonly ConcurrentDictionary<string, TaskCompletionSource> _invoked = new();

    /// <summary>Completes when <paramref name="action"/> has been invoked (once is enough).</summary>
    public Task InvokedAsync(string action) => Invoked(action).Task;

    TaskCompletionSource Invoked(string action) => _invoked.GetOrAdd(action, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Answer(string action, string code, params (string Name, string Value)[] outputs) =>
        _answers[action] = new ActionResult(code, outputs.ToDictionary(o => o.Name, o => o.Value));

    public async Task<ActionResult> InvokeAsync(string action, IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        Invoked(action).TrySetResult();
        var answer = _answers.GetValueOrDefault(action) ?? throw new InvalidOperationException($"no scripted answer for {action}");
        if (answer.Code == Hang) await Task.Delay(Timeout.Infinite, ct);
        return answer;
    }
}

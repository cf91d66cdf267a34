using Ivr.Menus.Engine;
using Ivr.Menus.Model;
using Ivr.Menus.Testing;

namespace Ivr.Tests.Calls.Branches;

/// <summary>How a hang-up test reaches its moment after replaying a scenario's first steps.</summary>
public enum Reach { PromptPlaying, WaitingForKeys, CollectingDigits, ActionInFlight, Recording }

/// <summary>
/// A moment of a call to hang up in: a kind of node in a state (a menu's prompt playing, a collect holding some digits,
/// an action in flight…), found in a scenario the service plays: after its first <see cref="Steps"/> steps.
/// </summary>
public sealed record HangupMoment(string Kind, TestOutcome Scenario, int Steps, Reach Reach, string? Prompt, CallState? Waiting)
{
    public override string ToString() => $"{Kind}: scenario '{Scenario.Test.Name}' after step {Steps}";

    /// <summary>
    /// One moment per kind, taken from the scenarios themselves (the earliest in a scenario, so the replay is short), so a
    /// new node type or state in the menus brings its own hang-up test.
    /// </summary>
    public static IReadOnlyDictionary<string, HangupMoment> All { get; } = Find();

    static Dictionary<string, HangupMoment> Find()
    {
        var found = new Dictionary<string, HangupMoment>(StringComparer.Ordinal);
        foreach (var outcome in Scenarios.All.Where(o => o.Passed && Scenarios.NotPlayable(o.Test) is null))
            for (var i = 0; i < outcome.Test.Steps.Count; i++)
                foreach (var moment in At(outcome, i))
                    if (!found.TryGetValue(moment.Kind, out var known) || known.Steps > moment.Steps) found[moment.Kind] = moment;
        return found;
    }

    static IEnumerable<HangupMoment> At(TestOutcome outcome, int i)
    {
        var set = Scenarios.Set;
        switch (outcome.Test.Steps[i])
        {
            case TestStep.Expect e when !e.Sound.Contains(':') && set.Nodes.GetValueOrDefault(outcome.States[i].Node) is { } node:
                yield return new($"{node.Type} node, its prompt playing", outcome, i, Reach.PromptPlaying, e.Sound, null);
                break;
            case TestStep.Silence when outcome.Before[i] is { } waiting && set.Node(waiting.Node) is var asking:
                var what = waiting.Waiting == Ivr.Menus.Engine.Waiting.Confirmation ? "waiting for the confirmation" : "waiting for keys";
                yield return new($"{asking.Type} node, {what}", outcome, i, Reach.WaitingForKeys, null, waiting);
                if (asking is CollectNode && waiting.Waiting == Ivr.Menus.Engine.Waiting.Keys)
                    yield return new("collect node, some digits keyed", outcome, i, Reach.CollectingDigits, null, waiting);
                break;
            case TestStep.Action:
                yield return new("action node, the back end answering", outcome, i, Reach.ActionInFlight, null, null);
                break;
            case TestStep.Record:
                yield return new("record node, recording", outcome, i, Reach.Recording, null, null);
                break;
        }
    }
}

using Ivr.Menus.Engine;
using Ivr.Menus.Model;
using Ivr.Menus.Validation;

namespace Ivr.Menus.Testing;

/// <summary>How one test went, and which nodes and transitions it went through.</summary>
public sealed record TestOutcome(MenuTest Test, string? Failure, IReadOnlySet<string> Nodes, IReadOnlySet<(string From, string To)> Transitions)
{
    /// <summary>The transitions with their edge labels, and the retries of nodes that ask.</summary>
    public IReadOnlySet<TakenEdge> Taken { get; init; } = new HashSet<TakenEdge>();

    /// <summary>The call's state after each step (index as in <see cref="MenuTest.Steps"/>), up to the step that failed.</summary>
    public IReadOnlyList<CallState> States { get; init; } = [];

    /// <summary>
    /// For each step, the state its last event was sent to (prompts it let finish already finished): where a silence
    /// waited or an action was in flight; null for a step that sent nothing.
    /// </summary>
    public IReadOnlyList<CallState?> Before { get; init; } = [];

    public bool Passed => Failure is null;
}

/// <summary>Runs supervisors' menu tests against the engine with the canned action results the tests give.</summary>
public sealed class MenuTestRunner(MenuSet set, HostCatalog host)
{
    readonly MenuEngine _engine = new(set);

    public TestOutcome Run(MenuTest test)
    {
        if (!set.Entries.ContainsKey(test.Entry))
            return new TestOutcome(test, $"{test.At}: no entry '{test.Entry}' in the menus", new HashSet<string>(), new HashSet<(string, string)>());
        var open = ReferenceEquals(test.OpenCalendars, MenuTestParser.OpenByDefault) ? host.Calendars : test.OpenCalendars;
        var call = new TestCall(_engine, new CallEvent.Started(test.Caller, test.Entry, test.Language, test.Today, open, test.Variables));
        string? failure = null;
        var states = new List<CallState>();
        var before = new List<CallState?>();
        foreach (var step in test.Steps)
        {
            call.Forget();
            failure = Do(call, step);
            if (failure is not null)
            {
                failure = $"{step.At}: {failure}; the call is at node '{call.State.Node}' waiting for {call.State.Waiting.ToString().ToLowerInvariant()}";
                break;
            }
            states.Add(call.State);
            before.Add(call.LastBefore);
        }
        return new TestOutcome(test, failure, call.Nodes, call.Transitions) { Taken = call.Taken, States = states, Before = before };
    }

    static string? Do(TestCall call, TestStep step)
    {
        switch (step)
        {
            case TestStep.Expect e:
                return call.Find("sound", o => o.Text == e.Sound) is null ? $"expected to hear '{e.Sound}', heard {call.Heard()}" : null;
            case TestStep.Press p:
                call.ForgetSounds();
                foreach (var key in p.Keys) call.Send(new CallEvent.Digit(key, TimeSpan.Zero));
                return null;
            case TestStep.Say s:
                call.ForgetSounds();
                call.Send(new CallEvent.Speech(s.Text));
                return null;
            case TestStep.Silence:
                call.ForgetSounds();
                call.Settle();
                if (call.State.Timer is not { } timer) return "'timeout' but no timer runs";
                call.Send(new CallEvent.TimerFired(timer));
                return null;
            case TestStep.Action a:
                if (call.Find("action", o => o.Text == a.Name)?.Command is not CallCommand.InvokeAction invoked)
                    return $"expected action '{a.Name}', the call did {call.Heard()}";
                foreach (var (name, expected) in a.Args)
                    if (invoked.Arguments.GetValueOrDefault(name) != expected)
                        return $"action '{a.Name}' got {name}='{invoked.Arguments.GetValueOrDefault(name)}', expected '{expected}'";
                call.Send(new CallEvent.ActionCompleted(a.Returns, a.Outputs));
                return null;
            case TestStep.Queue q:
                return call.Find("queue", o => o.Text == q.Name && (q.Skill is null || ((CallCommand.EnterQueue)o.Command).Skill == q.Skill)) is null
                    ? $"expected queue '{q.Name}'{(q.Skill is null ? "" : $" with skill '{q.Skill}'")}, the call did {call.Heard()}" : null;
            case TestStep.Seat s:
                call.Settle();
                if (call.State.Waiting != Waiting.Seat) return "'seat' but the caller is not with the seats";
                call.Send(new CallEvent.SeatFinished(s.Talked));
                return null;
            case TestStep.Record r:
                if (call.Find("record", _ => true) is null) return $"expected a recording, the call did {call.Heard()}";
                call.Send(new CallEvent.RecordingFinished(r.Recording, TimeSpan.FromSeconds(30)));
                return null;
            case TestStep.Sms s:
                return call.Find("sms", o => o.Text == s.Template && (s.To is null || ((CallCommand.SendSms)o.Command).To == s.To)) is null
                    ? $"expected SMS '{s.Template}', the call did {call.Heard()}" : null;
            case TestStep.Callback c:
                return call.Find("callback", o => o.Text == c.QueueName) is null ? $"expected a callback for '{c.QueueName}', the call did {call.Heard()}" : null;
            case TestStep.Language l:
                return call.Find("language", o => o.Text == l.Code) is null ? $"expected the language to switch to '{l.Code}'" : null;
            case TestStep.Variable v:
                var actual = call.State.Variables.GetValueOrDefault(v.Name);
                return actual == v.Value ? null : $"variable '{v.Name}' is '{actual ?? "(unset)"}', expected '{v.Value}'";
            case TestStep.Hangup { ByCaller: true }:
                call.Send(new CallEvent.HungUp());
                return null;
            case TestStep.Hangup:
                return call.Find("hangup", _ => true) is null ? $"expected the menu to hang up, the call did {call.Heard()}" : null;
            default:
                return $"unknown step {step.GetType().Name}";
        }
    }
}

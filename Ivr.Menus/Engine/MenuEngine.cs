using System.Collections.Immutable;
using Ivr.Menus.Input;
using Ivr.Menus.Model;

namespace Ivr.Menus.Engine;

/// <summary>
/// The pure call engine: <c>(state, event) → (state, commands)</c> over one menu revision. No clock, no I/O, no threads:
/// timers are commands, time arrives as events, so every race (keys during prompts, a timer against a key, a hang-up
/// anywhere) is decided only by event order and is reproducible in tests.
/// </summary>
public sealed class MenuEngine
{
    readonly MenuSet set;
    readonly IReadOnlyDictionary<string, Func<string, DateOnly, DigitCheck>> validators;

    /// <summary>
    /// An engine for one revision. Validators the host declared beyond the built-in ones are passed in as pure
    /// functions; a collect naming a validator that is in neither is refused here rather than accepting any input.
    /// </summary>
    public MenuEngine(MenuSet set, IReadOnlyDictionary<string, Func<string, DateOnly, DigitCheck>>? hostValidators = null)
    {
        this.set = set;
        validators = hostValidators ?? new Dictionary<string, Func<string, DateOnly, DigitCheck>>();
        foreach (var collect in set.Nodes.Values.OfType<CollectNode>())
            if (collect.Validator is { } v && !DigitValidators.Exists(v.Name) && !validators.ContainsKey(v.Name))
                throw new ArgumentException($"{v.At}: node '{collect.Id}' uses validator '{v.Name}', which the host did not hand to the engine", nameof(hostValidators));
    }

    public MenuSet Set => set;

    public Step Start(CallEvent.Started started)
    {
        if (!set.Entries.TryGetValue(started.Entry, out var entry))
            throw new ArgumentException($"menu revision {set.Revision} has no entry for '{started.Entry}'", nameof(started));
        var language = started.Language is { } l && set.Defaults.Languages.Contains(l) ? l : set.Defaults.Languages[0];
        var state = new CallState
        {
            Revision = set.Revision, Language = language, Today = started.Today, OpenCalendars = started.OpenCalendars,
            Variables = (started.Variables ?? ImmutableDictionary<string, string>.Empty).ToImmutableDictionary()
                .SetItems(new Dictionary<string, string> { ["caller"] = started.Caller, ["entry"] = started.Entry, ["language"] = language }),
        };
        var turn = new Turn(set, validators, state);
        turn.Enter(entry.Id);
        return turn.Result();
    }

    /// <summary>
    /// Goes on with a call restored from a snapshot after its events were lost: the current prompt is said again from the
    /// start of its node (see <c>Turn.Resume</c>). Stale playbacks and timers of the snapshot are stopped by the commands.
    /// </summary>
    public Step Resume(CallState state)
    {
        CheckRevision(state);
        if (state.Ended) return new Step(state, [], []);
        var turn = new Turn(set, validators, state);
        turn.Resume();
        return turn.Result();
    }

    void CheckRevision(CallState state)
    {
        if (state.Revision != set.Revision)
            throw new ArgumentException($"call state is of menu revision {state.Revision}, this engine runs {set.Revision}", nameof(state));
    }

    public Step Handle(CallState state, CallEvent e)
    {
        CheckRevision(state);
        if (state.Ended) return new Step(state, [], []);
        var turn = new Turn(set, validators, state);
        turn.On(e);
        return turn.Result();
    }
}

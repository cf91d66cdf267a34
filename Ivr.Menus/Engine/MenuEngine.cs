using System.Collections.Immutable;
using Ivr.Menus.Model;

namespace Ivr.Menus.Engine;

/// <summary>
/// The pure call engine: <c>(state, event) → (state, commands)</c> over one menu revision. No clock, no I/O, no threads:
/// timers are commands, time arrives as events, so every race (keys during prompts, a timer against a key, a hang-up
/// anywhere) is decided only by event order and is reproducible in tests.
/// </summary>
public sealed class MenuEngine(MenuSet set)
{
    public MenuSet Set => set;

    public Step Start(CallEvent.Started started)
    {
        if (!set.Entries.TryGetValue(started.Entry, out var entry))
            throw new ArgumentException($"menu revision {set.Revision} has no entry for '{started.Entry}'", nameof(started));
        var language = started.Language is { } l && set.Defaults.Languages.Contains(l) ? l : set.Defaults.Languages[0];
        var state = new CallState
        {
            Revision = set.Revision, Language = language, Today = started.Today, OpenCalendars = started.OpenCalendars,
            Variables = new Dictionary<string, string> { ["caller"] = started.Caller, ["entry"] = started.Entry, ["language"] = language }
                .ToImmutableDictionary(),
        };
        var turn = new Turn(set, state);
        turn.Enter(entry.Id);
        return turn.Result();
    }

    public Step Handle(CallState state, CallEvent e)
    {
        if (state.Revision != set.Revision)
            throw new ArgumentException($"call state is of menu revision {state.Revision}, this engine runs {set.Revision}", nameof(state));
        if (state.Ended) return new Step(state, [], []);
        var turn = new Turn(set, state);
        turn.On(e);
        return turn.Result();
    }
}

using Ivr.Menus.Engine;
using Ivr.Menus.Model;
using Ivr.Service.Calls.Menu;
using Ivr.Service.Calls.Records;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Tests.Calls.Records;

/// <summary>The repository's menus run by the pure engine with a call trace observing every step, as MenuCall feeds it.</summary>
sealed class TracedCall
{
    public static MenuSet Repository => Menus.Value;

    static readonly Lazy<MenuSet> Menus = new(() =>
        (MenuCallSetup.TryLoad(new ConfigurationBuilder().Build(), Servers.RepoRoot(), out var errors)
            ?? throw new InvalidOperationException(string.Join(Environment.NewLine, errors))).Menus.Current);

    readonly MenuEngine _engine = new(Menus.Value);
    readonly CallTrace _trace;
    CallState? _state;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
    public CallRecord? Record { get; private set; }
    public IReadOnlyList<CallCommand> LastCommands { get; private set; } = [];

    public TracedCall(string entry = "12366", bool seatsOpen = false, ICallRecorder? recorder = null)
    {
        var start = new CallTraceStart("ch-" + Guid.NewGuid().ToString("N")[..8], CallDirections.Inbound, "13800000001", entry, entry, null, Menus.Value);
        _trace = recorder?.Begin(start) ?? new CallTrace(start, Clock, r => Record = r);
        Feed(new CallEvent.Started("13800000001", entry, null, new DateOnly(2026, 11, 20),
            seatsOpen ? new HashSet<string> { "seat-hours" } : new HashSet<string>()));
    }

    public TracedCall Feed(CallEvent e)
    {
        var step = _state is null ? _engine.Start((CallEvent.Started)e) : _engine.Handle(_state, e);
        _trace.Observe(_state, e, step);
        _state = step.State;
        LastCommands = step.Commands;
        Clock.Advance(TimeSpan.FromMilliseconds(250));
        return this;
    }

    /// <summary>The caller heard the current prompt to its end.</summary>
    public TracedCall Heard() =>
        Feed(new CallEvent.PromptFinished(_state!.Playback ?? throw new InvalidOperationException($"nothing plays at {_state.Node}")));

    public TracedCall Press(string keys)
    {
        foreach (var k in keys) Feed(new CallEvent.Digit(k, TimeSpan.Zero));
        return this;
    }

    public TracedCall Answer(string code, params (string, string)[] outputs) =>
        Feed(new CallEvent.ActionCompleted(code, outputs.ToDictionary(o => o.Item1, o => o.Item2)));

    public CallRecord HangUp(int? cause = 16)
    {
        if (cause is { } c) _trace.HangupCause(c);
        Feed(new CallEvent.HungUp());
        _trace.End();
        return Record!;
    }

    public CallTrace Trace => _trace;
}

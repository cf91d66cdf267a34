using System.Globalization;
using System.Text.Json;
using Ivr.Simulator;

namespace Ivr.Tests.Simulator;

/// <summary>
/// A simulator on a <see cref="StepClock"/>: simulated time moves only when the test moves it, so timings are exact
/// and a loaded machine cannot stretch them, and late timers can be staged on purpose.
/// </summary>
public abstract class SteppedSimulatorTest : SimulatorTest
{
    protected StepClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 16, 54, 54, TimeSpan.Zero));

    protected override SimulatorOptions Options => new() { TimeProvider = Clock };

    /// <summary>A virtual caller dials 12366; returns once its ivr leg is in the <c>ivr</c> app.</summary>
    protected async Task<(EventStream Events, VirtualCall Call)> DialAsync()
    {
        var events = await Ari.EventsAsync("ivr");
        var call = await Sim.DialAsync("12366");
        await EnterIvrAsync(events);
        return (events, call);
    }

    /// <summary>A call as the traces' driver made it: originated with app=caller, so its ;1 leg takes ARI commands too.</summary>
    protected async Task<(EventStream Events, string Caller, string Ivr)> OriginateAsync()
    {
        var events = await Ari.EventsAsync("ivr");
        var (_, caller) = await Ari.PostAsync("channels?endpoint=Local%2F12366%40ivr-entry&app=caller");
        var ivr = await EnterIvrAsync(events);
        return (events, caller.GetProperty("id").GetString()!, ivr);
    }

    async Task<string> EnterIvrAsync(EventStream events)
    {
        Clock.Advance(TimeSpan.FromSeconds(1)); // Answer() waits 500 ms for media before Stasis()
        var start = await events.NextAsync("StasisStart");
        Assert.EndsWith(";2", start.GetProperty("channel").GetProperty("name").GetString());
        return EventStream.ChannelId(start)!;
    }

    /// <summary>An event's <c>timestamp</c>; ARI writes its offset without a colon (<c>2026-11-22T16:54:58.416+0000</c>).</summary>
    protected static DateTimeOffset At(JsonElement e)
    {
        var text = e.GetProperty("timestamp").GetString()!;
        return DateTimeOffset.Parse(text.Insert(text.Length - 2, ":"), CultureInfo.InvariantCulture);
    }
}

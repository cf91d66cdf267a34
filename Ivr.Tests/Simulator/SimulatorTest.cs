using Ivr.Simulator;

namespace Ivr.Tests.Simulator;

/// <summary>A fresh simulator per test class instance, a raw ARI client, and a call already in the ivr app.</summary>
public abstract class SimulatorTest : IAsyncLifetime
{
    protected AsteriskSimulator Sim { get; private set; } = null!;
    protected RawAri Ari { get; private set; } = null!;

    protected virtual SimulatorOptions Options => new() { Speed = 10 };

    public async Task InitializeAsync()
    {
        Sim = await AsteriskSimulator.StartAsync(Options);
        Ari = new RawAri(Sim);
    }

    public async Task DisposeAsync()
    {
        await Ari.DisposeAsync();
        await Sim.DisposeAsync();
    }

    /// <summary>Opens the <c>ivr</c> event socket, dials 12366 and waits for the call's StasisStart.</summary>
    protected async Task<(EventStream Events, VirtualCall Call)> CallInIvrAsync(string apps = "ivr")
    {
        var events = await Ari.EventsAsync(apps);
        var call = await Sim.DialAsync("12366");
        await events.NextAsync("StasisStart", call.IvrChannelId);
        return (events, call);
    }
}

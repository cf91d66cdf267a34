using BenchmarkDotNet.Attributes;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;
using Ivr.Simulator;

namespace Ivr.Benchmarks.Ari;

/// <summary>
/// REST round trips per second from the typed client to the Asterisk simulator over loopback HTTP: one at a time
/// (latency) and 16 in flight (throughput). Each invocation makes <see cref="Calls"/> requests.
/// </summary>
[MemoryDiagnoser]
public class RestRoundTripBenchmarks
{
    const int Calls = 200;
    AsteriskSimulator _sim = null!;
    AriClient _ari = null!;
    AriEventStream _events = null!;
    string _channel = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _sim = await AsteriskSimulator.StartAsync(new SimulatorOptions());
        _ari = new AriClient(new AriClientOptions { BaseUrl = _sim.AriUrl, User = _sim.User, Password = _sim.Password, Application = "ivr" });
        // The call needs a socket for app "ivr", or Stasis(ivr) fails and the call ends at once.
        var inApp = new TaskCompletionSource();
        _events = new AriEventStream(_ari, (m, _) =>
        {
            if (m is StasisStart) inApp.TrySetResult();
            return ValueTask.CompletedTask;
        }).Start();
        while (!_events.IsConnected) await Task.Delay(10);
        _channel = (await _sim.DialAsync("12366")).IvrChannelId;
        await inApp.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _events.DisposeAsync();
        _ari.Dispose();
        await _sim.DisposeAsync();
    }

    /// <summary>GET /channels/{id}/variable, one after the other.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task GetVariableSequential()
    {
        for (var i = 0; i < Calls; i++) await _ari.Channels.GetChannelVarAsync(_channel, "CALLERID(num)");
    }

    /// <summary>GET /channels/{id}/variable with 16 requests in flight.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public Task GetVariable16InFlight() =>
        Parallel.ForAsync(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (_, ct) => await _ari.Channels.GetChannelVarAsync(_channel, "CALLERID(num)", ct));
}

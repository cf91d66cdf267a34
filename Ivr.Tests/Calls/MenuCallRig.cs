using Ivr.Service.Calls.Menu;
using Ivr.Simulator;
using Ivr.Tests.Conformance.Sounds;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Ivr.Tests.Calls;

/// <summary>
/// The simulator with the repository's dialplan (or another) and the sounds the 12366 menus need to be timed, and
/// MenuCalls services started against it: the real menus, call state in the real Redis under a prefix of this rig.
/// </summary>
public sealed class MenuCallRig : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    readonly DirectoryInfo _sounds = Directory.CreateTempSubdirectory("ivr-menu-sounds-");
    readonly List<MenuCalls> _services = [];

    public AsteriskSimulator Sim { get; private set; } = null!;

    (Uri Url, string User, string Password) _ari;

    /// <summary>IVR_TEST_LOG=1 shows the services' logs when a test needs explaining.</summary>
    static readonly ILoggerFactory Loggers = Environment.GetEnvironmentVariable("IVR_TEST_LOG") == "1"
        ? LoggerFactory.Create(b => b.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Debug))
        : NullLoggerFactory.Instance;

    /// <summary>Key prefix of the call state in Redis, unique to this rig.</summary>
    public string Prefix { get; } = "t:" + Guid.NewGuid().ToString("N")[..8] + ":";

    public static async Task<MenuCallRig> StartAsync(string? dialplan = null, IReadOnlyList<OutboundWebSocketConfig>? outbound = null)
    {
        var rig = new MenuCallRig();
        // The simulator fails sounds it has no file for at once; the main menu needs a length so keys can interrupt it.
        foreach (var folder in new[] { "zh", "en" })
        {
            Directory.CreateDirectory(Path.Combine(rig._sounds.FullName, folder));
            SilentWav.Write(Path.Combine(rig._sounds.FullName, folder, "welcome.wav"), TimeSpan.FromMilliseconds(300));
            SilentWav.Write(Path.Combine(rig._sounds.FullName, folder, "main-menu.wav"), TimeSpan.FromSeconds(2));
        }
        rig.Sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            DialplanPath = dialplan ?? Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf"),
            SoundsDirectory = rig._sounds.FullName,
            OutboundWebSockets = outbound ?? [],
        });
        rig._ari = (rig.Sim.AriUrl, rig.Sim.User, rig.Sim.Password);
        return rig;
    }

    /// <summary>Services against a real Asterisk (no simulator): <see cref="Sim"/> is not there.</summary>
    public static MenuCallRig ForAsterisk(Uri url, string user, string password) => new() { _ari = (url, user, password) };

    /// <summary>The menu node of a call, read from its state in Redis ("" before its menu started or after it ended).</summary>
    public string NodeOf(IDatabase redis, string channel)
    {
        var call = (string?)redis.HashGet(Prefix + "call:" + channel, "call");
        if (call is null) return "";
        using var kept = System.Text.Json.JsonDocument.Parse(call);
        var state = kept.RootElement.GetProperty("engineState").GetString()!;
        return state.Length == 0 ? "" : Ivr.Menus.Engine.CallStateJson.Read(state).Node;
    }

    /// <summary>
    /// A MenuCalls service for application <paramref name="app"/>, started and connected. <paramref name="redis"/> false runs
    /// it without call state; <paramref name="settings"/> adds or overrides configuration (e.g. Ari:Mode, Ari:Listen);
    /// <paramref name="actions"/> answers the menus' actions (default: all unavailable), <paramref name="records"/> keeps call records and
    /// <paramref name="deployment"/> gives the menus in production (stored revisions).
    /// </summary>
    public async Task<MenuCalls> StartServiceAsync(string app = "ivr", bool redis = true, IDictionary<string, string?>? settings = null,
        IActionInvoker? actions = null, Ivr.Service.Calls.Records.ICallRecorder? records = null,
        Func<MenuCallSetup, Ivr.Service.Menus.Production.MenuDeployment>? deployment = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Ari:Url"] = _ari.Url.ToString(), ["Ari:User"] = _ari.User, ["Ari:Password"] = _ari.Password, ["Ari:Application"] = app,
            ["Calls:Redis"] = redis ? Servers.Redis : "", ["IVR_REDIS"] = "", ["Calls:Prefix"] = Prefix,
            // Short, so a takeover in a test takes a fraction of a second.
            ["Calls:LeaseSeconds"] = "2", ["Calls:TakeoverSeconds"] = "0.2",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var setup = MenuCallSetup.TryLoad(config, Servers.RepoRoot(), out var errors)
            ?? throw new InvalidOperationException("menus do not load: " + string.Join(Environment.NewLine, errors));
        var service = new MenuCalls(config, setup, actions ?? new UnavailableActions(NullLogger<UnavailableActions>.Instance), TimeProvider.System,
            Loggers, records: records, deployment: deployment?.Invoke(setup));
        _services.Add(service);
        await service.StartAsync(CancellationToken.None);
        await service.Connected.WaitAsync(Wait);
        return service;
    }

    /// <summary>A caller who dialled 12366 and is hearing the main menu.</summary>
    public async Task<VirtualCall> AtMainMenuAsync(string context = "ivr-entry")
    {
        var call = await Sim.DialAsync("12366", callerId: "13800000000", context: context);
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        return call;
    }

    public async Task WaitForRequestAsync(Func<RecordedRequest, bool> match, int skip = 0) =>
        await WaitUntilAsync(() => Sim.Requests.Skip(skip).Any(match), "the request never came; requests: "
            + string.Join(Environment.NewLine, Sim.Requests.Select(r => $"{r.Method} {r.PathAndQuery} {r.Status}")));

    /// <summary>Polls what the test cannot await as an event (another process's Redis keys, a request log).</summary>
    public static async Task WaitUntilAsync(Func<bool> done, string failure)
    {
        var until = DateTime.UtcNow + Wait;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services) await service.StopAsync(CancellationToken.None);
        if (Sim is not null) await Sim.DisposeAsync();
        _sounds.Delete(recursive: true);
    }
}

using Ivr.Ari;
using Ivr.Service.Calendar;
using Ivr.Service.Calls.Outbound;
using Ivr.Service.Calls.Menu;
using Ivr.Service.Menus;
using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Routing;
using Ivr.Service.Seats.Store;
using Ivr.Service.SelfService.Hours;
using Ivr.Simulator;
using Ivr.Simulator.Seats;
using Ivr.Tests.Conformance.Sounds;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Ivr.Tests.Seats;

/// <summary>
/// One service instance on its own simulated Asterisk: the 12366 menus through MenuCalls, with the seats router on a
/// board in the real Redis. Several rigs with one <paramref name="space"/> are several instances sharing the seats.
/// </summary>
public sealed class SeatRig : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>Short times so the tests run fast; seat hours always open.</summary>
    public const string QueuesYaml = """
        dial-target: "PJSIP/{seat}"
        calendars:
          seat-hours: {windows: always}
        queues:
          general:
            ring-timeout: 1s
            wrap-up: 0s
            max-wait: 60s
            leave-key: "1"
            pause-after-misses: 1
            announce: {every: 1s}
          tax-policy:
            skills: [tax-policy]
            overflow: general
          invoicing-software:
            skills: [invoicing-software]
            ring-timeout: 2s
            wrap-up: 300ms
            max-wait: 60s
        """;

    /// <summary>The test queues with <paramref name="settings"/> (one per line, e.g. "strategy: ring-all") added to the general queue.</summary>
    public static string GeneralWith(params string[] settings) =>
        QueuesYaml.Replace("  general:\n", "  general:\n" + string.Concat(settings.Select(line => "    " + line + "\n")), StringComparison.Ordinal);

    readonly DirectoryInfo? _sounds;
    bool _stopped;

    SeatRig(AsteriskSimulator sim, SeatBoard board, QueueRouter router, MenuCalls calls, DirectoryInfo? sounds, IConnectionMultiplexer redis)
    {
        (Sim, Board, Router, Calls, _sounds, Redis) = (sim, board, router, calls, sounds, redis);
    }

    public AsteriskSimulator Sim { get; }
    public SeatBoard Board { get; }
    public QueueRouter Router { get; }
    public MenuCalls Calls { get; }
    public IConnectionMultiplexer Redis { get; }

    /// <summary>
    /// Starts an instance on a new simulated Asterisk, or on <paramref name="sim"/> (another rig's) under its own Stasis
    /// <paramref name="application"/>. With <paramref name="callsPrefix"/> the menu calls keep their state in Redis there,
    /// so instances sharing it take each other's calls over (lease 2 s, sweep 0.2 s).
    /// </summary>
    public static async Task<SeatRig> StartAsync(string space, string instance = "one", string yaml = QueuesYaml, LogLines? log = null,
        int callbackAttempts = 3, AsteriskSimulator? sim = null, string application = "ivr", string? callsPrefix = null, OutboundTrunk? trunk = null,
        OutboundDialStore? dials = null)
    {
        log ??= new LogLines();
        DirectoryInfo? sounds = null;
        if (sim is null)
        {
            sounds = Directory.CreateTempSubdirectory("ivr-seat-sounds-");
            foreach (var folder in new[] { "zh", "en" })
            {
                Directory.CreateDirectory(Path.Combine(sounds.FullName, folder));
                SilentWav.Write(Path.Combine(sounds.FullName, folder, "welcome.wav"), TimeSpan.FromMilliseconds(100));
                SilentWav.Write(Path.Combine(sounds.FullName, folder, "main-menu.wav"), TimeSpan.FromSeconds(2));
                SilentWav.Write(Path.Combine(sounds.FullName, folder, "queue-position.wav"), TimeSpan.FromMilliseconds(300));
            }
            sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
            {
                DialplanPath = Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf"),
                SoundsDirectory = sounds.FullName,
            });
        }
        var settings = new Dictionary<string, string?>
        {
            ["Ari:Url"] = sim.AriUrl.ToString(), ["Ari:User"] = sim.User, ["Ari:Password"] = sim.Password, ["Ari:Application"] = application,
            ["Calls:Prefix"] = callsPrefix ?? $"test:{Guid.NewGuid():N}:",
        };
        if (callsPrefix is not null)
            (settings["Calls:Redis"], settings["Calls:LeaseSeconds"], settings["Calls:TakeoverSeconds"], settings["Calls:InstanceId"]) = (Servers.Redis, "2", "0.2", instance);
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var setup = MenuCallSetup.TryLoad(config, Servers.RepoRoot(), out var errors)
            ?? throw new InvalidOperationException("menus do not load: " + string.Join(Environment.NewLine, errors));
        var redis = await ConnectionMultiplexer.ConnectAsync(Servers.Redis);
        var board = new SeatBoard(redis, space, TimeProvider.System);
        var seats = QueueConfigLoader.Parse("test-queues.yaml", yaml, HostRegistry.Queues, null, out _);
        var options = new RouterOptions(instance, application)
        {
            Tick = TimeSpan.FromMilliseconds(100), CallbackAttempts = callbackAttempts,
            CallbackRetryDelay = TimeSpan.FromMilliseconds(200), CallbackRingTimeout = TimeSpan.FromSeconds(2),
        };
        var router = new QueueRouter(board, redis, seats, WorkingDayCalendar.Load(), options, TimeProvider.System, log.CreateLogger(instance),
            ari: new AriClient(new AriClientOptions { BaseUrl = sim.AriUrl, User = sim.User, Password = sim.Password, Application = application }),
            trunk: trunk ?? new OutboundTrunk(new OutboundDialOptions { DialTemplate = "PJSIP/{phone}" }), dials: dials);
        var calls = new MenuCalls(config, setup, new UnavailableActions(NullLogger<UnavailableActions>.Instance), TimeProvider.System,
            log, calendars: OpenCalendars.Create(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SeatHours"] = "always" }).Build(),
                WorkingDayCalendar.Load(), NullLogger<OpenCalendars>.Instance), queues: router);
        await router.StartAsync(CancellationToken.None);
        await calls.StartAsync(CancellationToken.None);
        await calls.Connected.WaitAsync(Wait);
        return new SeatRig(sim, board, router, calls, sounds, redis);
    }

    /// <summary>A seat phone on this rig's Asterisk, logged in on the shared board.</summary>
    public async Task<VirtualSeat> SeatAsync(string name, SeatBehavior? behavior = null, params (string, int)[] skills)
    {
        var seat = Sim.AddSeat(name, behavior ?? new SeatBehavior { AnswerAfter = TimeSpan.FromMilliseconds(200) });
        await Board.LoginAsync(name, skills.ToDictionary(s => s.Item1, s => s.Item2));
        return seat;
    }

    /// <summary>A caller who dialled 12366 and pressed <paramref name="keys"/> at the main menu (0: the general seats).</summary>
    public async Task<VirtualCall> CallerAsync(string keys = "0", string callerId = "13800000000")
    {
        var call = await Sim.DialAsync("12366", callerId: callerId);
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        await call.PressAsync(keys);
        return call;
    }

    /// <summary>Waits until a request matching <paramref name="match"/> reached this rig's Asterisk.</summary>
    public async Task<RecordedRequest> RequestAsync(Func<RecordedRequest, bool> match, string what)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            if (Sim.Requests.FirstOrDefault(match) is { } found) return found;
            Assert.True(DateTime.UtcNow < until, $"{what} never came; requests: " + string.Join(Environment.NewLine, Sim.Requests.Select(r => $"{r.Method} {r.PathAndQuery} {r.Status}")));
            await Task.Delay(20);
        }
    }

    /// <summary>Polls the board until <paramref name="done"/> holds for the seat.</summary>
    public async Task<SeatView> SeatStateAsync(string seat, Func<SeatView, bool> done)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var view = (await Board.SeatsAsync()).Single(s => s.Id == seat);
            if (done(view)) return view;
            Assert.True(DateTime.UtcNow < until, $"seat {seat} stayed {view.State} ({view.Reason})");
            await Task.Delay(20);
        }
    }

    /// <summary>This instance stops as a host does (calls and router), leaving its callers on the Asterisk to the others.</summary>
    public async Task StopServiceAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await Calls.StopAsync(CancellationToken.None);
        await Router.StopAsync(CancellationToken.None);
    }

    /// <summary>Stops the instance; the simulated Asterisk goes with the rig that started it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopServiceAsync();
        if (_sounds is not null)
        {
            await Sim.DisposeAsync();
            _sounds.Delete(recursive: true);
        }
        await Redis.DisposeAsync();
    }
}

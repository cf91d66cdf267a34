using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;
using Ivr.Simulator.Dialplan;
using Ivr.Simulator.Http;
using Ivr.Simulator.Media;
using Ivr.Simulator.Seats;

namespace Ivr.Simulator;

/// <summary>
/// An in-process Asterisk 22 that speaks ARI over real HTTP and WebSockets on loopback, behaving as the reference
/// traces in <c>shared/ari-traces</c> show. Start one per test fixture; drive calls with <see cref="DialAsync"/>.
/// </summary>
public sealed class AsteriskSimulator : IAsyncDisposable
{
    readonly Pbx pbx;
    readonly SimulatorOptions options;
    readonly List<RecordedRequest> requests = [];
    readonly Dictionary<string, VirtualCall> calls = new(StringComparer.Ordinal);
    readonly bool ownsRecordings;
    AriServer? server;
    int port;

    AsteriskSimulator(SimulatorOptions options, Pbx pbx)
    {
        this.options = options;
        this.pbx = pbx;
        ownsRecordings = options.RecordingsDirectory is null;
        pbx.ChannelGone += (ch, cause) =>
        {
            if (calls.Remove(ch.Id, out var call)) call.Gone(cause);
        };
        pbx.Playbacks.ItemStarted += (pb, uri) =>
        {
            if (pb.Channel is { } ch && calls.TryGetValue(ch.Id, out var call)) call.Played(uri);
        };
    }

    /// <summary>
    /// Raised with the value of a request's <c>X-Request-Tag</c> header once the request has taken effect, or has joined
    /// its channel's command queue, before it is answered: a driver sending requests side by side (as the traces' driver
    /// did) waits for it to keep the order in which they reach Asterisk.
    /// </summary>
    public event Action<string>? RequestTaken
    {
        add => pbx.RequestTaken += value;
        remove => pbx.RequestTaken -= value;
    }

    /// <summary>Loads the dialplan and sounds, and starts serving ARI.</summary>
    /// <exception cref="DialplanException">The dialplan file has errors (each with file:line).</exception>
    public static async Task<AsteriskSimulator> StartAsync(SimulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SimulatorOptions();
        if (options.SoundsDirectory is { } dir && !Directory.Exists(dir))
            throw new DirectoryNotFoundException($"SimulatorOptions.SoundsDirectory '{dir}' does not exist");
        var dialplan = options.DialplanPath is { } path ? DialplanParser.Load(path) : DialplanParser.Parse(DialplanBook.BuiltIn, "<built-in dialplan>");
        var pbx = new Pbx(options, dialplan, new SoundLibrary(options.SoundsDirectory), options.TimeProvider);
        Directory.CreateDirectory(pbx.RecordingsDirectory);
        var sim = new AsteriskSimulator(options, pbx);
        sim.server = await AriServer.StartAsync(pbx, options.Port, sim.Record, ct);
        sim.port = sim.server.Port;
        await sim.server.WarmUpAsync();
        lock (pbx.Gate)
        {
            pbx.AriUrl = sim.AriUrl;
            pbx.Outbound.Boot();
        }
        return sim;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/ari/</c>.</summary>
    public Uri AriUrl => new($"http://127.0.0.1:{port}/ari/");

    public string User => options.User;
    public string Password => options.Password;

    /// <summary>Every REST request answered so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requests) return [.. requests]; }
    }

    void Record(RecordedRequest r)
    {
        lock (requests) requests.Add(r);
    }

    /// <summary>A caller dials <paramref name="exten"/>: the ivr leg runs the dialplan of <paramref name="context"/>.</summary>
    public Task<VirtualCall> DialAsync(string exten, string callerId = "13800000000", string context = "ivr-entry", CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        lock (pbx.Gate)
        {
            var (name, number) = Originate.ParseCallerId(callerId);
            var (one, two) = pbx.Locals.Create(new LocalChannels.Request(exten, context) { CallerName = name, CallerNumber = number });
            one.IdleSending = Sending.Silence; // a phone keeps sending frames, silent ones between words
            var call = new VirtualCall(pbx, one.Id, two.Id);
            one.Ear = call.Ear;
            pbx.Audio.Update(one);
            calls[two.Id] = call;
            pbx.Locals.Dial(one, two, timeout: null);
            return Task.FromResult(call);
        }
    }

    /// <summary>Registers a virtual agent phone reachable as <c>PJSIP/&lt;name&gt;</c> (from Dial() or an originate).</summary>
    public VirtualSeat AddSeat(string name, SeatBehavior? behavior = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/')) throw new ArgumentException($"seat name '{name}' must be a bare endpoint name like 2001", nameof(name));
        lock (pbx.Gate)
        {
            var seat = new VirtualSeat(pbx, name, behavior ?? new SeatBehavior());
            pbx.SeatChannels.Seats[name] = seat;
            return seat;
        }
    }

    /// <summary>Like <c>core stop now</c>: channels hung up (cause 4), sockets dropped (1006), REST 503 then refused.</summary>
    public async Task StopAsteriskAsync()
    {
        if (server is null) return;
        lock (pbx.Gate) pbx.Shutdown();
        await Task.Delay(pbx.Clock.Real(TimeSpan.FromMilliseconds(200)));
        pbx.Outbound.Stop();
        server.Phase = ServerPhase.Stopping;
        await Task.Delay(pbx.Clock.Real(TimeSpan.FromMilliseconds(900)));
        server.DropEventSockets();
        await Task.Delay(pbx.Clock.Real(TimeSpan.FromMilliseconds(100)));
        await server.DisposeAsync();
        server = null;
    }

    /// <summary>A starting Asterisk refuses connections until its HTTP server binds (asterisk-restart trace: ~0.4 s).</summary>
    static readonly TimeSpan HttpBindDelay = TimeSpan.FromMilliseconds(400);

    /// <summary>Once bound, a starting Asterisk answers 503 "Asterisk not booted" for about this long (asterisk-restart trace).</summary>
    static readonly TimeSpan BootingTime = TimeSpan.FromMilliseconds(200);

    /// <summary>Boots again on the same port: 503 "Asterisk not booted" briefly, then a fresh Asterisk (ids restart).</summary>
    public async Task StartAsteriskAsync()
    {
        if (server is not null) return;
        lock (pbx.Gate) pbx.Boot();
        await Task.Delay(pbx.Clock.Real(HttpBindDelay));
        server = await AriServer.StartAsync(pbx, port, Record, CancellationToken.None, ServerPhase.Booting);
        lock (pbx.Gate) pbx.Outbound.Boot();
        await server.WarmUpAsync();
        await Task.Delay(pbx.Clock.Real(BootingTime));
        server.Phase = ServerPhase.Running;
    }

    /// <summary>Abrupt TCP close of every inbound event socket, as a network drop looks.</summary>
    public Task DropEventSocketsAsync()
    {
        server?.DropEventSockets();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        server = null;
        pbx.Outbound.Dispose();
        lock (pbx.Gate) pbx.Shutdown();
        if (ownsRecordings)
            try { Directory.Delete(pbx.RecordingsDirectory, recursive: true); }
            catch (IOException) { /* a reader still holds a file: the temp dir is cleaned by the OS */ }
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Ivr.Menus.Engine;
using Ivr.Menus.Testing;
using Ivr.Service.Calendar;
using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService.Hours;
using Ivr.Service.Speech.Values;
using Ivr.Simulator;
using Ivr.Tests.Infrastructure;
using Ivr.Tests.Seats;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Sdk;

namespace Ivr.Tests.Calls.Branches;

/// <summary>
/// One scenario played through the real service: a MenuCalls instance of its own (clock at the scenario's day, seats
/// open or closed as it says, call state under its own Redis prefix, its log kept) and the virtual caller it dials in.
/// Each step is carried out over the simulator and checked by what the caller hears or what the service sends.
/// </summary>
public sealed partial class ScenarioCall : IAsyncDisposable
{
    static readonly TimeSpan Wait = ScenarioRig.Wait;
    static readonly TimeSpan BetweenKeys = TimeSpan.FromMilliseconds(20);

    readonly ScenarioRig _rig;
    readonly Dictionary<string, string> _recordings = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _logged = new(StringComparer.Ordinal);
    string _language;

    ScenarioCall(ScenarioRig rig, TestOutcome scenario, MenuCallSetup setup, FakeTimeProvider clock, string prefix)
    {
        (_rig, Scenario, Setup, Clock, Prefix) = (rig, scenario, setup, clock, prefix);
        _language = setup.Menus.Current.Defaults.Languages[0];
    }

    public TestOutcome Scenario { get; }
    public MenuCallSetup Setup { get; }
    public MenuCalls Service { get; private set; } = null!;
    public FakeTimeProvider Clock { get; }
    public string Prefix { get; }
    public ScenarioActions Actions { get; } = new();
    public LogLines Log { get; } = new();
    public VirtualCall Call { get; private set; } = null!;

    MenuTest Test => Scenario.Test;

    public static async Task<ScenarioCall> DialAsync(ScenarioRig rig, TestOutcome scenario)
    {
        var test = scenario.Test;
        var prefix = $"t:{Guid.NewGuid():N}:";
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ari:Url"] = rig.Sim.AriUrl.ToString(), ["Ari:User"] = rig.Sim.User, ["Ari:Password"] = rig.Sim.Password,
            ["Calls:Redis"] = Servers.Redis, ["IVR_REDIS"] = "", ["Calls:Prefix"] = prefix,
            // The service's clock stands still between steps: a lease counted on it must outlive the scenario.
            ["Calls:LeaseSeconds"] = "600",
            ["Speech:RuntimeSoundsDirectory"] = rig.Sounds.FullName,
        }).Build();
        var setup = MenuCallSetup.TryLoad(config, Servers.RepoRoot(), out var errors)
            ?? throw new InvalidOperationException("menus do not load: " + string.Join(Environment.NewLine, errors));
        // 10:00 in China on the scenario's day: the date checks see its 'today'.
        var clock = new FakeTimeProvider(new DateTimeOffset(test.Today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));
        var call = new ScenarioCall(rig, scenario, setup, clock, prefix);
        call.Service = new MenuCalls(config, setup, call.Actions, clock, call.Log, Hours(test.OpenCalendars), records: rig.Records);
        await call.Service.StartAsync(CancellationToken.None);
        await call.Service.Connected.WaitAsync(Wait);
        call.Call = await rig.Sim.DialAsync(test.Entry, callerId: test.Caller);
        // Keys sent before the service took the call would reach no call, as on a real line before it is answered.
        await UntilAsync(async () => await call.StateAsync() is not null, () => "the service never started the call");
        return call;
    }

    /// <summary>Seat hours as the scenario lists them: all open unless it says <c>open: []</c>.</summary>
    static OpenCalendars? Hours(IReadOnlySet<string> open) =>
        open.Count == 0 ? null
        : OpenCalendars.Create(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SeatHours"] = "always" }).Build(),
            WorkingDayCalendar.Load(), NullLogger<OpenCalendars>.Instance);

    /// <summary>Carries out steps <paramref name="from"/> up to (not including) <paramref name="until"/>.</summary>
    public async Task PlayAsync(int from, int until)
    {
        for (var i = from; i < until; i++)
        {
            var step = Test.Steps[i];
            try
            {
                await DoAsync(i, step);
            }
            catch (Exception e) when (e is TimeoutException or XunitException or InvalidOperationException)
            {
                throw new XunitException($"{step.At} (step {i + 1}): {e.GetType().Name}: {e.Message}{Environment.NewLine}" +
                    $"the caller heard: {string.Join(", ", Call.PlayedMedia)}{Environment.NewLine}service log:{Environment.NewLine}{Log}" + string.Join(Environment.NewLine, _rig.Sim.Requests.Select(r => $"{r.Time:HH:mm:ss.fff} {r.Method} {r.PathAndQuery} {r.Status}")));
            }
        }
    }

    public Task PlayAllAsync() => PlayAsync(0, Test.Steps.Count);

    async Task DoAsync(int index, TestStep step)
    {
        switch (step)
        {
            case TestStep.Expect e:
                foreach (var media in MediaOf(e.Sound)) await Call.WaitForPlaybackAsync(media, Wait);
                break;
            case TestStep.Press p:
                await Call.PressAsync(p.Keys, BetweenKeys);
                break;
            case TestStep.Silence:
                await SilenceAsync(Scenario.Before[index] ?? throw new InvalidOperationException($"{step.At}: the engine sent no timer"));
                break;
            case TestStep.Action a:
                await AnswerAsync(a);
                break;
            case TestStep.Queue q:
                await LoggedAsync($"queue {q.Name} is not implemented");
                break;
            case TestStep.Seat:
                // Without a seats router no seat answers at once: the queue's on-fail path, which the next steps check.
                break;
            case TestStep.Record r:
                _recordings[r.Recording] = await RecordAsync();
                break;
            case TestStep.Sms s:
                await LoggedAsync($"SMS {s.Template} is not implemented");
                break;
            case TestStep.Callback c:
                await LoggedAsync($"callback for queue {c.QueueName} is not implemented");
                break;
            case TestStep.Language l:
                var folder = Setup.Prompts.FolderOf(l.Code);
                await RequestAsync(r => r.PathAndQuery.Contains($"/channels/{Call.IvrChannelId}/variable") && r.PathAndQuery.Contains("=" + folder),
                    $"CHANNEL(language) set to {folder}");
                _language = l.Code;
                break;
            case TestStep.Variable v:
                await UntilAsync(async () => (await StateAsync())?.State.Variables.GetValueOrDefault(v.Name) == v.Value,
                    () => $"variable '{v.Name}' is not '{v.Value}'");
                break;
            case TestStep.Hangup { ByCaller: true }:
                await Call.HangUpAsync();
                await Call.WaitForHangupAsync(Wait);
                break;
            case TestStep.Hangup:
                await Call.WaitForHangupAsync(Wait);
                break;
            default:
                throw new XunitException($"step {step.GetType().Name} cannot be played through the service");
        }
    }

    /// <summary>What the caller hears for an <c>expect</c>: the prompt, the word prompts of a value, or a rendered text.</summary>
    IEnumerable<string> MediaOf(string sound)
    {
        if (sound.IndexOf(':') is var colon and > 0)
        {
            var (kind, value) = (sound[..colon], sound[(colon + 1)..]);
            return kind == "text"
                ? ["sound:" + (Setup.Runtime ?? throw new XunitException("free text is expected but the service has no runtime speech")).SoundOf(value, _language)]
                : ValueSpeakers.Speak(kind, value, _language).Select(id => "sound:" + id);
        }
        return ["sound:" + sound];
    }

    /// <summary>Waits until the call waits where the engine run waited (so the timer is the right one), then lets it run out.</summary>
    async Task SilenceAsync(CallState expected)
    {
        var kept = await WaitingAsync(expected);
        Clock.Advance(kept.Timers[kept.State.Timer!] - Clock.GetUtcNow());
    }

    /// <summary>Waits until the call waits for the caller where <paramref name="expected"/> (the engine run) did, its prompt over and a timer running.</summary>
    public async Task<Kept> WaitingAsync(CallState expected)
    {
        Kept? kept = null;
        await UntilAsync(async () => (kept = await StateAsync()) is { State: var s }
                && s.Node == expected.Node && s.Tries == expected.Tries && s.Waiting == expected.Waiting && s.Playback is null && s.Timer is not null,
            () => $"the call never waited at '{expected.Node}' (try {expected.Tries + 1}) with a timer; it is at '{kept?.State.Node}' waiting for {kept?.State.Waiting}");
        return kept!;
    }

    async Task AnswerAsync(TestStep.Action a)
    {
        var pending = await Actions.NextAsync(Wait, a.Name);
        Assert.Equal(a.Name, pending.Action);
        foreach (var (name, expected) in a.Args)
            Assert.True(pending.Arguments.GetValueOrDefault(name) == _recordings.GetValueOrDefault(expected, expected),
                $"action '{a.Name}' got {name}='{pending.Arguments.GetValueOrDefault(name)}', expected '{expected}'");
        Assert.Equal(Test.Caller, pending.Call.CallerNumber);
        pending.Reply(a.Returns, a.Outputs);
    }

    /// <summary>Waits for the service to start recording, then the caller talks and ends it with #; returns the recording's name.</summary>
    public async Task<string> RecordAsync()
    {
        var started = await RecordingStartedAsync();
        await Call.SayAsync(TimeSpan.FromMilliseconds(200));
        await Call.PressAsync("#");
        return started;
    }

    public async Task<string> RecordingStartedAsync()
    {
        var request = await RequestAsync(r => r.Method == "POST" && r.PathAndQuery.Contains($"/channels/{Call.IvrChannelId}/record"), "a recording");
        return Uri.UnescapeDataString(NameParameter().Match(request.PathAndQuery).Groups[1].Value);
    }

    [GeneratedRegex("[?&]name=([^&]+)")]
    private static partial Regex NameParameter();

    /// <summary>
    /// What the service tells in its log about engine commands it has no back end for in this rig (seats, SMS of a node,
    /// callbacks): the command was given, for this call.
    /// </summary>
    Task LoggedAsync(string what)
    {
        var line = $"call {Call.IvrChannelId}: {what}";
        var times = _logged[line] = _logged.GetValueOrDefault(line) + 1;
        return UntilAsync(() => Task.FromResult(Log.Lines.Count(l => l.Contains(line, StringComparison.Ordinal)) >= times),
            () => $"the service did not log '{what}' for the call {times} time(s)");
    }

    public async Task<RecordedRequest> RequestAsync(Func<RecordedRequest, bool> match, string what)
    {
        RecordedRequest? found = null;
        await UntilAsync(() => Task.FromResult((found = _rig.Sim.Requests.FirstOrDefault(match)) is not null), () => $"{what} was never requested of Asterisk");
        return found!;
    }

    /// <summary>The call's state as the service keeps it in Redis, with the due times of its timers; null when there is none.</summary>
    public async Task<Kept?> StateAsync()
    {
        var json = (string?)await _rig.Redis.GetDatabase().HashGetAsync(Prefix + "call:" + Call.IvrChannelId, "call");
        if (json is null) return null;
        using var doc = JsonDocument.Parse(json);
        var engine = doc.RootElement.GetProperty("engineState").GetString()!;
        if (engine.Length == 0) return null;
        var timers = doc.RootElement.GetProperty("timers").EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetDateTimeOffset());
        return new Kept(CallStateJson.Read(engine), timers);
    }

    public sealed record Kept(CallState State, IReadOnlyDictionary<string, DateTimeOffset> Timers);

    /// <summary>Polls what has no event to await (another component's Redis keys, log lines, the request log).</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, Func<string> failure)
    {
        var until = DateTime.UtcNow + Wait;
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new XunitException($"{failure()} within {Wait.TotalSeconds:0} s");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Call.HangUpAsync();
        await Service.StopAsync(CancellationToken.None);
    }
}

using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Tests.RealAsterisk;

/// <summary>
/// Callers on a real Asterisk: each call is a Local channel into an entry context, originated into this Stasis application.
/// Its <c>;1</c> leg is the handset (keys are sent from it), its <c>;2</c> leg runs the dialplan into the service. Asterisk
/// subscribes this application to both legs, so it sees the service's playbacks on <c>;2</c> as the caller would hear them.
/// </summary>
public sealed class RealCaller : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    readonly List<Message> _seen = [];
    readonly List<(Func<Message, bool> Match, TaskCompletionSource<Message> Found)> _waiting = [];
    readonly AriEventStream _events;

    RealCaller(RealAsteriskSettings asterisk)
    {
        Ari = new AriClient(new AriClientOptions
        {
            BaseUrl = asterisk.Url, User = asterisk.User, Password = asterisk.Password, Application = "ivr-test-caller-" + Guid.NewGuid().ToString("N")[..6],
        });
        _events = new AriEventStream(Ari, OnEventAsync);
    }

    public AriClient Ari { get; }

    public static async Task<RealCaller> ConnectAsync(RealAsteriskSettings asterisk)
    {
        var caller = new RealCaller(asterisk);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        caller._events.Connected += (_, _) => connected.TrySetResult();
        caller._events.Start();
        await connected.Task.WaitAsync(Wait);
        return caller;
    }

    /// <summary>Dials <paramref name="number"/> in <paramref name="context"/> from <paramref name="callerNumber"/>.</summary>
    public async Task<RealCall> DialAsync(string context = "ivr-entry", string number = "12366", string callerNumber = "13800000000")
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var call = new RealCall(this, $"rt-{id}-1", $"rt-{id}-2");
        await Ari.Channels.OriginateAsync($"Local/{number}@{context}", app: Ari.Options.Application, callerId: $"IVR Test <{callerNumber}>",
            channelId: call.Handset, otherChannelId: call.IvrLeg);
        return call;
    }

    /// <summary>Every event seen so far that <paramref name="match"/> accepts, in arrival order.</summary>
    public IReadOnlyList<Message> Seen(Func<Message, bool> match)
    {
        lock (_seen) return _seen.Where(match).ToList();
    }

    /// <summary>The first event, already seen or still to come, that <paramref name="match"/> accepts.</summary>
    public Task<Message> WaitForAsync(Func<Message, bool> match, string what)
    {
        lock (_seen)
        {
            if (_seen.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            var found = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((match, found));
            return found.Task.WaitAsync(Wait).ContinueWith(t => t.IsFaulted && t.Exception!.InnerException is TimeoutException
                ? throw new TimeoutException($"{what} did not happen within {Wait.TotalSeconds:0} s; events seen: {Describe()}")
                : t.Result, TaskScheduler.Default);
        }
    }

    string Describe()
    {
        lock (_seen) return string.Join(", ", _seen.TakeLast(30).Select(m => m.Type + (m is PlaybackStarted p ? " " + p.Playback.MediaUri : "")));
    }

    ValueTask OnEventAsync(Message message, CancellationToken ct)
    {
        lock (_seen)
        {
            _seen.Add(message);
            foreach (var waiter in _waiting.Where(w => w.Match(message)).ToList())
            {
                _waiting.Remove(waiter);
                waiter.Found.TrySetResult(message);
            }
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        Ari.Dispose();
    }
}

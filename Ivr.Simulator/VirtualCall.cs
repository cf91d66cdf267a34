using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator;

/// <summary>
/// A caller phoning in, as a <c>Local/&lt;exten&gt;@&lt;context&gt;</c> pair: <c>;1</c> is the caller's side,
/// <c>;2</c> runs the dialplan and is the leg the IVR controls.
/// </summary>
public sealed class VirtualCall
{
    static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    readonly Pbx pbx;
    readonly List<string> played = [];
    readonly List<(string? Uri, TaskCompletionSource<string> Done)> playWaiters = [];
    readonly TaskCompletionSource<int> hungUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int consumed;

    internal VirtualCall(Pbx pbx, string callerChannelId, string ivrChannelId)
    {
        this.pbx = pbx;
        CallerChannelId = callerChannelId;
        IvrChannelId = ivrChannelId;
        Ear = new Ear(pbx.Gate, "caller " + callerChannelId);
    }

    /// <summary>What the caller hears, and waits for it (<c>await call.Ear.WaitForAsync("moh:default")</c>).</summary>
    public Ear Ear { get; }

    /// <summary>What the caller hears now.</summary>
    public Heard Hearing => Ear.Now;

    /// <summary>The <c>;1</c> leg: the caller's side.</summary>
    public string CallerChannelId { get; }

    /// <summary>The <c>;2</c> leg: enters the dialplan and the IVR's Stasis app.</summary>
    public string IvrChannelId { get; }

    /// <summary>Media URIs started on the ivr leg, in order (each item of a media list counts).</summary>
    public IReadOnlyList<string> PlayedMedia
    {
        get { lock (pbx.Gate) return [.. played]; }
    }

    /// <summary>Waits for the next media item started on the ivr leg (matching <paramref name="mediaUri"/> if given) and returns its URI.</summary>
    public Task<string> WaitForPlaybackAsync(string? mediaUri = null, TimeSpan? timeout = null)
    {
        Task<string> task;
        lock (pbx.Gate)
        {
            for (var i = consumed; i < played.Count; i++)
                if (mediaUri is null || played[i] == mediaUri)
                {
                    consumed = i + 1;
                    return Task.FromResult(played[i]);
                }
            var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            playWaiters.Add((mediaUri, tcs));
            task = tcs.Task;
        }
        return WithTimeout(task, timeout, () => $"no playback{(mediaUri is null ? "" : " of " + mediaUri)} started on {IvrChannelId}; played so far: [{string.Join(", ", PlayedMedia)}]");
    }

    /// <summary>
    /// When the last digit of the latest <see cref="PressAsync"/> went out as ChannelDtmfReceived, on the clock of
    /// <see cref="RecordedRequest.Time"/>: the calls benchmark times the service's reaction from it.
    /// </summary>
    public DateTimeOffset? LastDigitSentAt { get; private set; }

    /// <summary>Sends DTMF from the caller's side; completes once the last digit has reached the ivr leg.</summary>
    public Task PressAsync(string digits, TimeSpan? between = null)
    {
        if (digits.Any(c => !DtmfSender.IsDtmf(c))) throw new ArgumentException($"'{digits}' has characters that are not DTMF (0-9, *, #, A-D)", nameof(digits));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (pbx.Gate)
        {
            if (pbx.FindChannel(CallerChannelId) is not { } caller) throw new InvalidOperationException($"call {CallerChannelId} has already ended");
            pbx.Dtmf.Send(caller, digits, (int)(between ?? TimeSpan.FromMilliseconds(DtmfSender.DefaultBetween)).TotalMilliseconds, DtmfSender.DefaultDuration, () =>
            {
                LastDigitSentAt = pbx.Clock.Now;
                done.TrySetResult();
            });
        }
        return done.Task;
    }

    /// <summary>The caller talks for <paramref name="length"/> (voice frames), then is silent again: what talk detection, recordings and a bridged seat hear.</summary>
    public Task SayAsync(TimeSpan length)
    {
        lock (pbx.Gate)
        {
            if (pbx.FindChannel(CallerChannelId) is not { } caller) throw new InvalidOperationException($"call {CallerChannelId} has already ended");
            return pbx.Audio.Speak(caller, length);
        }
    }

    /// <summary>The caller hangs up.</summary>
    public Task HangUpAsync()
    {
        lock (pbx.Gate)
            if (pbx.FindChannel(CallerChannelId) is { } caller)
                pbx.Hangups.Request(caller, HangupCauses.NormalClearing, soft: false, HangupCauses.NormalClearing);
        return Task.CompletedTask;
    }

    /// <summary>Waits until the ivr leg is gone; returns its hangup cause.</summary>
    public Task<int> WaitForHangupAsync(TimeSpan? timeout = null) =>
        WithTimeout(hungUp.Task, timeout, () => $"ivr leg {IvrChannelId} was not hung up");

    internal void Played(string uri)
    {
        played.Add(uri);
        for (var i = 0; i < playWaiters.Count; i++)
        {
            var (want, tcs) = playWaiters[i];
            if (want is not null && want != uri) continue;
            playWaiters.RemoveAt(i);
            consumed = played.Count;
            tcs.TrySetResult(uri);
            return;
        }
    }

    internal void Gone(int cause) => hungUp.TrySetResult(cause);

    static async Task<T> WithTimeout<T>(Task<T> task, TimeSpan? timeout, Func<string> what)
    {
        try
        {
            return await task.WaitAsync(timeout ?? DefaultWait);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what()} within {(timeout ?? DefaultWait).TotalSeconds:0.###} s");
        }
    }
}

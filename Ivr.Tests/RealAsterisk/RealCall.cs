using Ivr.Ari.Errors;
using Ivr.Ari.Models;

namespace Ivr.Tests.RealAsterisk;

/// <summary>One call placed by a <see cref="RealCaller"/>: what the service plays to it, the keys it presses, its hang-up.</summary>
public sealed class RealCall(RealCaller caller, string handset, string ivrLeg)
{
    int _heard;

    /// <summary>The <c>;1</c> leg, in the caller's application.</summary>
    public string Handset { get; } = handset;

    /// <summary>The <c>;2</c> leg, the channel the service runs.</summary>
    public string IvrLeg { get; } = ivrLeg;

    /// <summary>The media of each playback on the service's leg as it started, in order: a media list starts once per item.</summary>
    public IReadOnlyList<string> Heard => caller.Seen(m => StartedOnIvrLeg(m) is not null).Select(m => StartedOnIvrLeg(m)!.MediaUri).ToList();

    /// <summary>
    /// Waits until <paramref name="media"/> (e.g. <c>sound:main-menu</c>) starts playing on the service's leg after what an
    /// earlier call of this method returned, so a prompt heard again is waited for again.
    /// </summary>
    public async Task<Playback> HearsAsync(string media)
    {
        Playback? found = null;
        await caller.WaitForAsync(_ => (found = NextStarted(media)) is not null, $"{media} on {IvrLeg}");
        return found!;
    }

    Playback? NextStarted(string media)
    {
        var started = caller.Seen(m => StartedOnIvrLeg(m) is not null).Select(m => StartedOnIvrLeg(m)!).ToList();
        for (var i = _heard; i < started.Count; i++)
        {
            if (started[i].MediaUri != media) continue;
            _heard = i + 1;
            return started[i];
        }
        return null;
    }

    /// <summary>Waits until the playback <paramref name="id"/> finishes; returns its final state (done, failed, …).</summary>
    public async Task<string> PlaybackEndsAsync(string id) =>
        ((PlaybackFinished)await caller.WaitForAsync(m => m is PlaybackFinished f && f.Playback.Id == id, $"the end of playback {id}")).Playback.State;

    /// <summary>Presses <paramref name="keys"/> on the handset; Asterisk sends them one by one to the service's leg.</summary>
    public async Task PressAsync(string keys)
    {
        int Received() => caller.Seen(m => m is ChannelDtmfReceived d && d.Channel.Id == IvrLeg).Count;
        var before = Received();
        await caller.Ari.Channels.SendDTMFAsync(Handset, dtmf: keys);
        await caller.WaitForAsync(_ => Received() >= before + keys.Length, $"keys {keys} reaching {IvrLeg}");
    }

    /// <summary>Hangs up the handset (a 404 means the service hung up first).</summary>
    public async Task HangUpAsync()
    {
        try { await caller.Ari.Channels.HangupAsync(Handset); }
        catch (AriException ex) when (ex.IsNotFound) { }
    }

    /// <summary>Waits until the service's leg is gone.</summary>
    public async Task<ChannelDestroyed> EndsAsync() =>
        (ChannelDestroyed)await caller.WaitForAsync(m => m is ChannelDestroyed d && d.Channel.Id == IvrLeg, $"the end of {IvrLeg}");

    // PlaybackContinuing names the item that just ended; the next item's PlaybackStarted follows it.
    Playback? StartedOnIvrLeg(Message m) => m is PlaybackStarted s && s.Playback.TargetUri == "channel:" + IvrLeg ? s.Playback : null;
}

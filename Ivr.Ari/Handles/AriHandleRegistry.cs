using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Ari.Handles;

/// <summary>
/// The handles waiting for events, by playback id, recording name and originated channel id. The event source calls
/// <see cref="Observe"/> for every message before dispatching it, on its reader loop, so a handle's end never waits
/// behind a slow handler and cannot be missed however early the event comes.
/// </summary>
internal sealed class AriHandleRegistry
{
    readonly Lock _gate = new();
    readonly Dictionary<string, PlaybackHandle> _playbacks = new(StringComparer.Ordinal);
    readonly Dictionary<string, RecordingHandle> _recordings = new(StringComparer.Ordinal);
    readonly Dictionary<string, OriginateHandle> _originates = new(StringComparer.Ordinal);
    readonly Dictionary<AriEventKey, List<IAriHandle>> _byTarget = [];

    /// <summary>
    /// Registers <paramref name="handle"/>, runs the REST request that starts it, and keeps the answer; if the request
    /// fails the handle is forgotten (so its id can be used again) and the error goes to the caller.
    /// </summary>
    public async Task<THandle> StartAsync<THandle, TAnswer>(THandle handle, Func<Task<TAnswer>> send, Action<THandle, TAnswer> keep)
        where THandle : class, IAriHandle
    {
        Register(handle);
        try
        {
            keep(handle, await send().ConfigureAwait(false));
            return handle;
        }
        catch
        {
            Unregister(handle);
            throw;
        }
    }

    void Register(IAriHandle handle)
    {
        switch (handle)
        {
            case PlaybackHandle p: Add(_playbacks, p.Id, p, "playback id"); break;
            case RecordingHandle r: Add(_recordings, r.Name, r, "recording name"); break;
            case OriginateHandle o: Add(_originates, o.ChannelId, o, "channel id"); break;
        }
    }

    void Unregister(IAriHandle handle)
    {
        switch (handle)
        {
            case PlaybackHandle p: Remove(_playbacks, p.Id, p); break;
            case RecordingHandle r: Remove(_recordings, r.Name, r); break;
            case OriginateHandle o: Remove(_originates, o.ChannelId, o); break;
        }
    }

    /// <summary>A fresh id for a playback, channel or recording, chosen here so events can be matched before the answer.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Number of handles still waiting.</summary>
    public int Count
    {
        get { lock (_gate) return _playbacks.Count + _recordings.Count + _originates.Count; }
    }

    public void Observe(Message message)
    {
        switch (message)
        {
            case PlaybackStarted e: Feed(_playbacks, e.Playback.Id, message); break;
            case PlaybackContinuing e: Feed(_playbacks, e.Playback.Id, message); break;
            case PlaybackFinished e: Feed(_playbacks, e.Playback.Id, message); break;
            case RecordingStarted e: Feed(_recordings, e.Recording.Name, message); break;
            case RecordingFinished e: Feed(_recordings, e.Recording.Name, message); break;
            case RecordingFailed e: Feed(_recordings, e.Recording.Name, message); break;
            case StasisStart e: Feed(_originates, e.Channel.Id, message); break;
            case Dial e: Feed(_originates, e.Peer.Id, message); break;
            case StasisEnd e: EndTarget(AriEventKey.Channel(e.Channel.Id), message); break;
            case ChannelDestroyed e: EndTarget(AriEventKey.Channel(e.Channel.Id), message); break;
        }
    }

    /// <summary>Ends every waiting handle with <see cref="AriHandleOutcome.ConnectionLost"/>: the events of the gap will never come.</summary>
    public void ConnectionLost()
    {
        List<IAriHandle> all;
        lock (_gate)
        {
            all = [.. _playbacks.Values, .. _recordings.Values, .. _originates.Values];
            _playbacks.Clear();
            _recordings.Clear();
            _originates.Clear();
            _byTarget.Clear();
        }
        foreach (var h in all) h.EndConnectionLost();
    }

    void Add<T>(Dictionary<string, T> map, string id, T handle, string what) where T : IAriHandle
    {
        lock (_gate)
        {
            if (!map.TryAdd(id, handle))
                throw new ArgumentException($"The {what} '{id}' is already in use by something still running; choose another", nameof(handle));
            if (!_byTarget.TryGetValue(handle.Target, out var list)) _byTarget[handle.Target] = list = [];
            list.Add(handle);
        }
    }

    void Remove<T>(Dictionary<string, T> map, string id, T handle) where T : class, IAriHandle
    {
        lock (_gate)
        {
            if (map.TryGetValue(id, out var current) && ReferenceEquals(current, handle)) map.Remove(id);
            RemoveFromTarget(handle);
        }
    }

    void Feed<T>(Dictionary<string, T> map, string id, Message message) where T : class, IAriHandle
    {
        lock (_gate)
        {
            if (!map.TryGetValue(id, out var handle) || !handle.Observe(message)) return;
            map.Remove(id);
            RemoveFromTarget(handle);
        }
    }

    void EndTarget(AriEventKey target, Message cause)
    {
        List<IAriHandle>? ended;
        lock (_gate)
        {
            if (!_byTarget.Remove(target, out ended)) return;
            foreach (var h in ended)
                switch (h)
                {
                    case PlaybackHandle p: _playbacks.Remove(p.Id); break;
                    case RecordingHandle r: _recordings.Remove(r.Name); break;
                    case OriginateHandle o: _originates.Remove(o.ChannelId); break;
                }
        }
        foreach (var h in ended) h.EndChannelGone(cause);
    }

    void RemoveFromTarget(IAriHandle handle)
    {
        if (!_byTarget.TryGetValue(handle.Target, out var list)) return;
        list.Remove(handle);
        if (list.Count == 0) _byTarget.Remove(handle.Target);
    }
}

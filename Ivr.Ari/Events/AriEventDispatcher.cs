using Ivr.Ari.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Ari.Events;

/// <summary>
/// Hands events to the handler in order per channel (or bridge) and concurrently across channels. <c>Post</c>
/// never waits, because the caller is the socket reader and Asterisk drops a client that stalls. Each key has a bounded
/// queue and a worker that exists only while the queue is non-empty, so idle channels cost nothing.
/// When a key's queue (or the total) is full the new event is dropped and counted in an <see cref="AriEventsDropped"/>
/// left at that point of the lane: one stuck channel loses its own events, visibly, and no other channel is affected.
/// </summary>
public sealed partial class AriEventDispatcher : IAsyncDisposable
{
    readonly Func<Message, CancellationToken, ValueTask> _handler;
    readonly int _perKey;
    readonly int _total;
    readonly ILogger _logger;
    readonly Lock _gate = new();
    readonly Dictionary<AriEventKey, Lane> _lanes = [];
    readonly CancellationTokenSource _stop = new();
    TaskCompletionSource _idle = NewIdle(completed: true);
    int _queued;
    long _dropped;

    public AriEventDispatcher(Func<Message, CancellationToken, ValueTask> handler, int capacityPerKey = 1_000,
        int capacityTotal = 100_000, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerKey, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityTotal, capacityPerKey);
        _handler = handler;
        _perKey = capacityPerKey;
        _total = capacityTotal;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Events waiting in all lanes (not counting those being handled).</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Events dropped because a queue was full, since the start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="message"/> on its lane (<see cref="AriEventKey.Of"/>); never blocks.</summary>
    public void Post(Message message) => Post(AriEventKey.Of(message), message);

    /// <summary>Queues <paramref name="message"/> on lane <paramref name="key"/>; never blocks.</summary>
    public void Post(AriEventKey key, Message message)
    {
        Lane? start = null;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            if (!_lanes.TryGetValue(key, out var lane))
            {
                if (_lanes.Count == 0) _idle = NewIdle(completed: false);
                _lanes[key] = lane = new Lane(key);
                start = lane;
            }
            if (lane.Items.Count < _perKey && _queued < _total)
            {
                lane.Items.Enqueue(message);
                lane.Tail = message;
                _queued++;
            }
            else
            {
                Drop(lane);
            }
        }
        if (start is not null) _ = Task.Run(() => RunAsync(start));
    }

    /// <summary>Completes when every lane is empty and no handler runs (for shutdown and tests).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    /// <summary>Stops taking events and cancels the token handed to running handlers; queued events are discarded.</summary>
    public async ValueTask DisposeAsync()
    {
        Task idle;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            foreach (var lane in _lanes.Values)
            {
                _queued -= lane.Items.Count;
                lane.Items.Clear();
            }
            idle = _idle.Task;
        }
        await idle.ConfigureAwait(false);
        _stop.Dispose();
    }

    void Drop(Lane lane)
    {
        _dropped++;
        // Consecutive drops merge into the marker already at the tail, so a stuck lane grows by at most one item.
        if (lane.Items.Count > 0 && lane.Tail is AriEventsDropped marker)
        {
            marker.Count++;
            return;
        }
        var dropped = new AriEventsDropped { Key = lane.Key, Count = 1 };
        lane.Items.Enqueue(dropped);
        lane.Tail = dropped;
        _queued++;
        LogDropped(_logger, lane.Key.ToString());
    }

    async Task RunAsync(Lane lane)
    {
        while (true)
        {
            Message message;
            lock (_gate)
            {
                if (!lane.Items.TryDequeue(out message!))
                {
                    _lanes.Remove(lane.Key);
                    if (_lanes.Count == 0) _idle.TrySetResult();
                    return;
                }
                _queued--;
                if (ReferenceEquals(message, lane.Tail)) lane.Tail = null;
            }
            try
            {
                await _handler(message, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Shutting down: the remaining events were discarded by DisposeAsync.
            }
            catch (Exception e)
            {
                LogHandlerFailed(_logger, e, message.Type, lane.Key.ToString());
            }
        }
    }

    static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) tcs.SetResult();
        return tcs;
    }

    sealed class Lane(AriEventKey key)
    {
        public readonly AriEventKey Key = key;
        public readonly Queue<Message> Items = new();
        public Message? Tail;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "ARI event handler failed on {EventType} for {Lane}; the lane goes on with the next event")]
    static partial void LogHandlerFailed(ILogger logger, Exception exception, string eventType, string lane);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "ARI event queue for {Lane} is full: dropping its events until the handler catches up (an AriEventsDropped marks the gap)")]
    static partial void LogDropped(ILogger logger, string lane);
}

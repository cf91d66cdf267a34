using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Npgsql;

namespace Ivr.Service.Calls.Records;

/// <summary>
/// Writes finished calls to PostgreSQL off the call path: calls only enqueue into a bounded buffer; one loop writes
/// batches and, while PostgreSQL is down, keeps the failed batch and retries with a growing pause. A record that
/// does not fit the full buffer is logged (ids and outcome, never numbers) and counted in <see cref="Dropped"/>.
/// </summary>
public sealed partial class CallRecordWriter : BackgroundService, ICallRecorder
{
    static readonly Meter Meter = new("Ivr.CallRecords");
    static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>("ivr.call_records.dropped", description: "call records lost because the buffer was full");
    static readonly Counter<long> WrittenCounter = Meter.CreateCounter<long>("ivr.call_records.written");

    readonly CallRecordStore _store;
    readonly CallRecordOptions _options;
    readonly TimeProvider _time;
    readonly ILogger<CallRecordWriter> _logger;
    readonly Channel<CallRecord> _buffer;
    long _dropped, _written, _pending;

    public CallRecordWriter(CallRecordStore store, CallRecordOptions options, TimeProvider time, ILogger<CallRecordWriter> logger)
    {
        options.Validate();
        (_store, _options, _time, _logger) = (store, options, time, logger);
        // The bound counts the batch being retried too, so "how many calls can wait for PostgreSQL" is one number.
        _buffer = Channel.CreateUnbounded<CallRecord>(new UnboundedChannelOptions { SingleReader = true });
    }

    public event Action<CallRecord>? Finished;

    /// <summary>Records that could not be kept (buffer full or service stopped with PostgreSQL down).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records accepted but not yet in PostgreSQL.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    public CallTrace Begin(CallTraceStart start) => new(start, _time, Enqueue);

    public CallTrace Resume(string channelId, TraceSnapshot kept, Ivr.Menus.Model.MenuSet menus) =>
        new(new CallTraceStart(channelId, kept.Direction, kept.CallerNumber, kept.DialledNumber, kept.Entry, kept.CampaignCallId, menus),
            _time, Enqueue, kept);

    void Enqueue(CallRecord record)
    {
        try { Finished?.Invoke(record); }
        catch (Exception e) { LogObserverFailed(_logger, e, record.Id); }
        if (Interlocked.Increment(ref _pending) <= _options.BufferSize && _buffer.Writer.TryWrite(record)) return;
        Interlocked.Decrement(ref _pending);
        Drop(record, Pending >= _options.BufferSize ? "the buffer is full" : "the service is stopping");
    }

    void Drop(CallRecord record, string why)
    {
        Interlocked.Increment(ref _dropped);
        DroppedCounter.Add(1);
        LogDropped(_logger, record.Id, record.ChannelId, record.StartedAt, record.Outcome, why, Dropped);
    }

    /// <summary>Completes when everything enqueued so far has been written (tests, orderly shutdown).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        while (Pending > 0) await Task.Delay(20, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<CallRecord>(_options.BatchSize);
        try
        {
            while (await _buffer.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < _options.BatchSize && _buffer.Reader.TryRead(out var r)) batch.Add(r);
                await WriteWithRetryAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await DrainAsync(batch);
        }
    }

    async Task WriteWithRetryAsync(List<CallRecord> batch, CancellationToken ct)
    {
        var delay = _options.RetryDelay;
        while (true)
        {
            try
            {
                await InsertAsync(batch, ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                // Ids are ours and the insert skips existing ones, so retrying a batch that did land is harmless.
                LogWriteFailed(_logger, batch.Count, Pending, delay, e.Message);
                await Task.Delay(delay, _time, ct);
                delay = delay * 2 < _options.MaxRetryDelay ? delay * 2 : _options.MaxRetryDelay;
            }
        }
    }

    async Task InsertAsync(List<CallRecord> batch, CancellationToken ct)
    {
        await _store.InsertAsync(batch, ct);
        Interlocked.Add(ref _written, batch.Count);
        Interlocked.Add(ref _pending, -batch.Count);
        WrittenCounter.Add(batch.Count);
        batch.Clear();
    }

    /// <summary>On shutdown: one last bounded effort to write what is buffered; what still fails is logged as dropped.</summary>
    async Task DrainAsync(List<CallRecord> batch)
    {
        _buffer.Writer.TryComplete();
        using var deadline = new CancellationTokenSource(_options.DrainOnStop);
        try
        {
            while (batch.Count > 0 || _buffer.Reader.TryPeek(out _))
            {
                while (batch.Count < _options.BatchSize && _buffer.Reader.TryRead(out var r)) batch.Add(r);
                await InsertAsync(batch, deadline.Token);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            foreach (var r in batch) Lost(r);
            while (_buffer.Reader.TryRead(out var r)) Lost(r);
        }
    }

    void Lost(CallRecord record)
    {
        Interlocked.Decrement(ref _pending);
        Drop(record, "the service stopped while PostgreSQL was unreachable");
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Error,
        Message = "call record {Id} (channel {Channel}, started {Started:o}, {Outcome}) lost: {Why}; {Dropped} lost so far")]
    static partial void LogDropped(ILogger logger, Guid id, string channel, DateTimeOffset started, string outcome, string why, long dropped);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning,
        Message = "call records: writing {Count} to PostgreSQL failed ({Error}); {Pending} waiting, next try in {Delay}")]
    static partial void LogWriteFailed(ILogger logger, int count, long pending, TimeSpan delay, string error);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Error, Message = "call record {Id}: an observer of finished calls failed")]
    static partial void LogObserverFailed(ILogger logger, Exception e, Guid id);
}

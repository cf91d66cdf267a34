using Ivr.Service.Data;
using Npgsql;

namespace Ivr.Service.Calls.Records;

/// <summary>
/// Applies the migrations, then runs the writer. PostgreSQL being down at start-up must not keep the hotline from
/// answering: calls are recorded into the buffer while the migration is retried.
/// </summary>
sealed partial class CallRecordsStartup(string postgres, CallRecordWriter writer, ILogger<CallRecordWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await MigrationRunner.MigrateAsync(postgres, stoppingToken);
                break;
            }
            catch (Exception e) when (e is InvalidOperationException or NpgsqlException && !stoppingToken.IsCancellationRequested)
            {
                LogMigrationFailed(logger, e.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = delay < TimeSpan.FromSeconds(30) ? delay * 2 : delay;
            }
        }
        await writer.StartAsync(stoppingToken);
        try { await Task.Delay(Timeout.Infinite, stoppingToken); }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await writer.StopAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 6304, Level = LogLevel.Error,
        Message = "call records: the database cannot be migrated yet ({Error}); calls are buffered, retrying in {Delay}")]
    static partial void LogMigrationFailed(ILogger logger, string error, TimeSpan delay);
}

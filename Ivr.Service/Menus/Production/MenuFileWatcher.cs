using System.Threading.Channels;

namespace Ivr.Service.Menus.Production;

/// <summary>
/// Submits the menus folder again after files in it change. Editors write a temporary file and rename it, and copy
/// tools touch several files, so the folder is read only once it has been quiet for <paramref name="quiet"/>.
/// </summary>
public sealed partial class MenuFileWatcher(string folder, MenuDeployment deployment, TimeSpan quiet, TimeProvider time,
    ILogger<MenuFileWatcher> logger) : IHostedService, IDisposable
{
    public const string Who = "file watcher";

    readonly Channel<bool> _changes = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
    readonly CancellationTokenSource _stopping = new();
    FileSystemWatcher? _watcher;
    Task _loop = Task.CompletedTask;

    /// <summary>Watches before returning, so a change made as soon as the host has started is not missed.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += Changed;
        _watcher.Created += Changed;
        _watcher.Deleted += Changed;
        _watcher.Renamed += (s, e) => Changed(s, e);
        _watcher.Error += (_, e) =>
        {
            // An overflowed event buffer loses changes; reading the whole folder again catches up.
            LogWatcherError(logger, e.GetException());
            _changes.Writer.TryWrite(true);
        };
        _watcher.EnableRaisingEvents = true;
        LogWatching(logger, folder);
        _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null) _watcher.EnableRaisingEvents = false;
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _stopping.Dispose();
    }

    void Changed(object? sender, FileSystemEventArgs e) => _changes.Writer.TryWrite(true);

    async Task LoopAsync(CancellationToken ct)
    {
        try
        {
            while (await _changes.Reader.WaitToReadAsync(ct))
            {
                do
                {
                    while (_changes.Reader.TryRead(out _)) { }
                    await Task.Delay(quiet, time, ct);
                } while (_changes.Reader.TryPeek(out _));
                await SubmitFolderAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    async Task SubmitFolderAsync(CancellationToken ct)
    {
        try
        {
            var submission = await deployment.SubmitAsync(MenuFolder.Read(folder), Who, "file change", activate: true, ct);
            if (submission.Stored is { } stored) LogSubmitted(logger, stored.Revision);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still being written or just removed: the event that ends that brings another read.
            LogUnreadable(logger, folder, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSubmitFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 6311, Level = LogLevel.Information, Message = "watching {Folder} for menu changes")]
    static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(EventId = 6312, Level = LogLevel.Information, Message = "menu files changed: revision {Revision} is active")]
    static partial void LogSubmitted(ILogger logger, string revision);

    [LoggerMessage(EventId = 6313, Level = LogLevel.Warning, Message = "menu folder {Folder} could not be read ({Reason}); waiting for the next change")]
    static partial void LogUnreadable(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 6314, Level = LogLevel.Error, Message = "changed menu files could not be stored or activated; the current revision stays")]
    static partial void LogSubmitFailed(ILogger logger, Exception e);

    [LoggerMessage(EventId = 6315, Level = LogLevel.Warning, Message = "the menu folder watcher lost events; reading the folder again")]
    static partial void LogWatcherError(ILogger logger, Exception e);
}

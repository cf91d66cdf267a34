using System.Threading.Channels;

namespace Ivr.Service.Menus.Production;

/// <summary>
/// Submits the menus folder again after files in it change. Editors write a temporary file and rename it, and copy
/// tools touch several files, so the folder is read only once it has been quiet for <paramref name="quiet"/>.
/// </summary>
public sealed partial class MenuFileWatcher(string folder, MenuDeployment deployment, TimeSpan quiet, TimeProvider time,
    ILogger<MenuFileWatcher> logger) : BackgroundService
{
    public const string Who = "file watcher";

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var changes = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
        using var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        void Changed(object? _, FileSystemEventArgs e) => changes.Writer.TryWrite(true);
        watcher.Changed += Changed;
        watcher.Created += Changed;
        watcher.Deleted += Changed;
        watcher.Renamed += (s, e) => Changed(s, e);
        watcher.Error += (_, e) =>
        {
            // An overflowed event buffer loses changes; reading the whole folder again catches up.
            LogWatcherError(logger, e.GetException());
            changes.Writer.TryWrite(true);
        };
        watcher.EnableRaisingEvents = true;
        LogWatching(logger, folder);
        try
        {
            while (await changes.Reader.WaitToReadAsync(ct))
            {
                do
                {
                    while (changes.Reader.TryRead(out _)) { }
                    await Task.Delay(quiet, time, ct);
                } while (changes.Reader.TryPeek(out _));
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

namespace Ivr.Service.Calls.Menu;

/// <summary>Says at start-up why calls get the built-in greeting instead of the menus, one line per problem.</summary>
public sealed partial class MenuLoadFailureLog(IReadOnlyList<string> errors, ILogger<MenuLoadFailureLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogFallback(logger, errors.Count);
        foreach (var error in errors) LogError(logger, error);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6101, Level = LogLevel.Error,
        Message = "the menus cannot run ({Count} problems below): calls get the built-in greeting until they are fixed and the service restarted")]
    static partial void LogFallback(ILogger logger, int count);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "{Problem}")]
    static partial void LogError(ILogger logger, string problem);
}

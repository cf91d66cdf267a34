using Ivr.Service.Speech.Azure;
using Ivr.Service.Speech.Input;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ivr.Service.Speech;

/// <summary>Registers speech: settings, the Azure connection, recogniser and spoken-answer listener, and the start-up log line.</summary>
public static partial class SpeechServiceCollectionExtensions
{
    public static IServiceCollection AddSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => SpeechSettings.FromConfiguration(configuration));
        services.TryAddSingleton(sp => SpeechInputAvailability.From(sp.GetRequiredService<SpeechSettings>()));
        services.TryAddSingleton(sp => new AzureSpeechConnection(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            sp.GetRequiredService<SpeechSettings>().Azure, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new AzureSpeechRecognizer(sp.GetRequiredService<AzureSpeechConnection>()));
        services.TryAddSingleton(_ => configuration.GetSection("Speech:Listen").Get<SpeechListenOptions>() ?? new SpeechListenOptions());
        // Resolved only by calls that listen, so the IAriClient the call-control registration provides can come later.
        services.TryAddSingleton(sp => new SpokenAnswerListener(sp.GetRequiredService<Ivr.Ari.IAriClient>(),
            sp.GetRequiredService<AzureSpeechRecognizer>(), sp.GetRequiredService<SpeechListenOptions>()));
        services.AddHostedService<SpeechStartupLog>();
        return services;
    }

    /// <summary>Says once, at start-up, whether callers can speak their choices.</summary>
    sealed partial class SpeechStartupLog(SpeechInputAvailability availability, ILogger<SpeechStartupLog> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (availability.Available) LogOn(logger, availability.Description);
            else LogOff(logger, availability.Description);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "{Description}")]
        static partial void LogOn(ILogger logger, string description);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "{Description}")]
        static partial void LogOff(ILogger logger, string description);
    }
}

using System.Collections.Concurrent;
using Ivr.Service.Speech;
using Ivr.Service.Speech.Input;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Tests.Speech;

public class SpeechStartupTests
{
    sealed class Captured : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((logLevel, formatter(state, exception)));
        public void Dispose() { }
    }

    static async Task<(Captured Log, ServiceProvider Services)> StartAsync(params (string Key, string Value)[] settings)
    {
        var log = new Captured();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(log)).AddSpeech(configuration).BuildServiceProvider();
        foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        return (log, services);
    }

    [Fact]
    public async Task Without_a_key_the_service_says_once_at_start_up_that_menus_take_DTMF_only()
    {
        var (log, services) = await StartAsync();
        await using var _ = services;

        Assert.Equal([(LogLevel.Warning, "Speech input off: no Azure Speech key (Speech:Azure:Key or IVR_AZURE_SPEECH_KEY), so menus accept DTMF keys only")], log.Lines);
        Assert.False(services.GetRequiredService<SpeechInputAvailability>().Available);
    }

    [Fact]
    public async Task With_a_key_the_service_says_speech_input_is_on_and_can_recognise()
    {
        var (log, services) = await StartAsync(("IVR_AZURE_SPEECH_KEY", "k"), ("IVR_AZURE_SPEECH_REGION", "chinaeast2"));
        await using var _ = services;

        Assert.Equal([(LogLevel.Information, "Speech input on: menus with keywords also accept speech (Azure speech-to-text, chinaeast2)")], log.Lines);
        Assert.NotNull(services.GetRequiredService<AzureSpeechRecognizer>());
    }
}

public class PromptCommandTests
{
    [Fact]
    public async Task Lint_exits_1_on_errors_0_when_clean_and_a_bad_option_exits_2()
    {
        using var dir = new TempFolder();
        var bad = dir.WriteCatalog("  welcome:\n    zh-CN: 您好\n");

        Assert.Equal(1, await PromptCommands.RunAsync(["lint", "--catalog", bad, "--sounds", dir.Combine("sounds"), "--menus", dir.Combine("menus")]));
        Assert.Equal(2, await PromptCommands.RunAsync(["lint", "--catalog", bad, "--colour"]));
        Assert.Equal(2, await PromptCommands.RunAsync(["render"]));
        Assert.Equal(1, await PromptCommands.RunAsync(["build", "--catalog", dir.Combine("missing.yaml")]));

        var good = dir.WriteCatalog("  welcome:\n    zh-CN: 您好\n    en-US: Hello\n");
        Assert.Equal(0, await PromptCommands.RunAsync(["build", "--catalog", good, "--sounds", dir.Combine("sounds"), "--engine", "espeak", "--parallel", "2"]));
        Assert.Equal(0, await PromptCommands.RunAsync(["lint", "--catalog", good, "--sounds", dir.Combine("sounds"), "--menus", dir.Combine("menus")]));
    }
}

using Ivr.Ari;
using Ivr.Service.Calls.Greeting;
using Ivr.Service.Phone;
using Ivr.Service.Speech;
using Ivr.Simulator;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Tests.Calls;

public sealed class GreetingCallTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    AsteriskSimulator _sim = null!;
    GreetingCalls _service = null!;

    public async Task InitializeAsync()
    {
        _sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            DialplanPath = Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf"),
            DefaultMediaDuration = TimeSpan.FromMilliseconds(300),
        });
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ari:Url"] = _sim.AriUrl.ToString(), ["Ari:User"] = _sim.User, ["Ari:Password"] = _sim.Password,
        }).Build();
        _service = new GreetingCalls(config, TimeProvider.System, NullLoggerFactory.Instance);
        await _service.StartAsync(CancellationToken.None);
        await _service.Connected.WaitAsync(Wait);
    }

    public async Task DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task Caller_dialling_12366_hears_the_welcome_hears_keys_read_back_and_hash_ends_the_call()
    {
        var call = await _sim.DialAsync("12366", callerId: "13800000000");
        Assert.Equal("sound:welcome", await call.WaitForPlaybackAsync("sound:welcome", Wait));
        await call.PressAsync("5");
        await call.WaitForPlaybackAsync("sound:num-5", Wait);
        await call.PressAsync("#");
        await call.WaitForPlaybackAsync("sound:goodbye", Wait);
        await call.WaitForHangupAsync(Wait);
        Assert.Contains(_sim.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("/play/") && r.PathAndQuery.Contains("goodbye"));
    }

    [Fact]
    public async Task Caller_hanging_up_during_the_welcome_ends_the_call_without_further_requests()
    {
        var call = await _sim.DialAsync("12366");
        await call.WaitForPlaybackAsync("sound:welcome", Wait);
        await call.HangUpAsync();
        await call.WaitForHangupAsync(Wait);
        var after = _sim.Requests.Count;
        await Task.Delay(500);
        Assert.DoesNotContain(_sim.Requests.Skip(after), r => r.PathAndQuery.Contains(call.IvrChannelId) && r.Status < 400);
    }

    [Fact]
    public async Task Terminal_phone_shows_prompt_texts_and_sends_the_keys_typed()
    {
        var catalog = PromptCatalog.Load(Path.Combine(Servers.RepoRoot(), "prompts", "catalog.yaml"));
        using var ari = new AriClient(new AriClientOptions
        {
            BaseUrl = _sim.AriUrl, User = _sim.User, Password = _sim.Password, Application = "phone",
        });
        var keys = new System.IO.Pipelines.Pipe();
        var output = new StringWriter();
        var screen = TextWriter.Synchronized(output);
        var phone = new PhoneSession(ari, catalog, screen)
            .RunAsync("12366", "13800000000", "ivr-entry", new StreamReader(keys.Reader.AsStream()), CancellationToken.None);

        async Task Shows(string text)
        {
            var until = DateTime.UtcNow + Wait;
            while (!output.ToString().Contains(text))
            {
                Assert.True(DateTime.UtcNow < until, $"the phone never showed '{text}'; it showed:\n{output}");
                await Task.Delay(50);
            }
        }
        await Shows("welcome — 您好，欢迎致电幺二三六六纳税缴费服务热线。");
        await keys.Writer.WriteAsync("7\n"u8.ToArray());
        await Shows("num-7 — 七");
        await keys.Writer.WriteAsync("#\n"u8.ToArray());
        await Shows("goodbye — 感谢您的来电，再见。");
        Assert.Equal(0, await phone.WaitAsync(Wait));
        Assert.Contains("Call ended", output.ToString());
    }
}

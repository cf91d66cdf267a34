using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService;
using Ivr.Service.Speech.Values;
using Ivr.Simulator;
using Ivr.Tests.Conformance.Sounds;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Tests.SelfService.Invoices;

/// <summary>A caller checks a sample invoice through the simulator, the 12366 menus and the service's own action back ends.</summary>
public sealed class InvoiceCallTests(RegistryFixture registry, RedisServer redis) : IClassFixture<RegistryFixture>, IClassFixture<RedisServer>, IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    static readonly TimeSpan KeyGap = TimeSpan.FromMilliseconds(20);
    readonly DirectoryInfo _sounds = Directory.CreateTempSubdirectory("ivr-invoice-sounds-");
    AsteriskSimulator _sim = null!;
    ServiceProvider _actions = null!;
    MenuCalls _service = null!;
    MenuCallSetup _setup = null!;

    public async Task InitializeAsync()
    {
        // Sounds without a file fail at once in the simulator; the main menu needs a length so its key can interrupt it.
        Directory.CreateDirectory(Path.Combine(_sounds.FullName, "zh"));
        SilentWav.Write(Path.Combine(_sounds.FullName, "zh", "main-menu.wav"), TimeSpan.FromSeconds(2));
        _sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            DialplanPath = Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf"),
            SoundsDirectory = _sounds.FullName,
        });
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ari:Url"] = _sim.AriUrl.ToString(), ["Ari:User"] = _sim.User, ["Ari:Password"] = _sim.Password, ["Calls:Prefix"] = $"test:{Guid.NewGuid():N}:",
            ["Invoices:Postgres"] = registry.ConnectionString, ["Invoices:Redis"] = Servers.Redis,
            ["Invoices:RedisPrefix"] = $"{redis.Prefix}{Guid.NewGuid():N}:",
            // The seller's name is rendered during the call where the simulator finds sounds; espeak-ng on a busy CI box can be slow.
            ["Speech:RuntimeSoundsDirectory"] = _sounds.FullName, ["Speech:RuntimeRenderTimeout"] = "00:00:15",
        }).Build();
        _actions = new ServiceCollection().AddLogging().AddSelfService(config).BuildServiceProvider();
        _setup = MenuCallSetup.TryLoad(config, Servers.RepoRoot(), out var errors)
            ?? throw new InvalidOperationException("menus do not load: " + string.Join(Environment.NewLine, errors));
        _service = new MenuCalls(config, _setup, _actions.GetRequiredService<IActionInvoker>(), TimeProvider.System, NullLoggerFactory.Instance);
        await _service.StartAsync(CancellationToken.None);
        await _service.Connected.WaitAsync(Wait);
    }

    public async Task DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        await _sim.DisposeAsync();
        await _actions.DisposeAsync();
        _sounds.Delete(recursive: true);
    }

    [Fact]
    public async Task Caller_keys_a_sample_special_invoice_and_hears_it_matches_with_its_date_and_total_in_mandarin()
    {
        var call = await AtInvoiceKindAsync("1");
        await KeyAndConfirmAsync(call, "sound:enter-invoice-code", "4403241130#");
        await KeyAndConfirmAsync(call, "sound:enter-invoice-number", "00012345");
        await KeyAndConfirmAsync(call, "sound:enter-invoice-date", "20240315");
        await KeyAndConfirmAsync(call, "sound:enter-amount-before-tax", "1234*5#");
        var heard = await HeardMatchAsync(call, "深圳市华南电子科技有限公司", "20240315", "1394.99");
        Assert.Contains("sound:money-fen", heard);
    }

    [Fact]
    public async Task Caller_keys_a_sample_fully_digital_invoice_and_hears_it_matches_with_its_date_and_total()
    {
        var call = await AtInvoiceKindAsync("2");
        await KeyAndConfirmAsync(call, "sound:enter-digital-number", "24442000000012345678");
        await KeyAndConfirmAsync(call, "sound:enter-invoice-date", "20240912");
        await KeyAndConfirmAsync(call, "sound:enter-total", "11300#");
        var heard = await HeardMatchAsync(call, "上海浦江供应链管理有限公司", "20240912", "11300.00");
        Assert.Contains("sound:unit-wan", heard);
    }

    /// <summary>A caller who chose invoice check and then the kind of invoice (1 with a code, 2 数电票).</summary>
    async Task<VirtualCall> AtInvoiceKindAsync(string kind)
    {
        var call = await _sim.DialAsync("12366", callerId: "13800000000");
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        await call.PressAsync("1");
        await call.WaitForPlaybackAsync("sound:invoice-kind", Wait);
        await call.PressAsync(kind);
        return call;
    }

    /// <summary>
    /// Asserts the caller heard the match with the seller rendered at call time (its file in the simulator's sounds) and
    /// the date and amount as Mandarin word prompts; returns what that was.
    /// </summary>
    async Task<string[]> HeardMatchAsync(VirtualCall call, string seller, string date, string amount)
    {
        await call.WaitForPlaybackAsync("sound:invoice-after", Wait);
        var sellerSound = _setup.Runtime!.SoundOf(seller, "zh-CN");
        Assert.True(File.Exists(Path.Combine(_sounds.FullName, "zh", sellerSound + ".wav")), $"no rendered {sellerSound}.wav for the seller");
        string[] expected =
        [
            "sound:invoice-match", "sound:invoice-seller-is", "sound:" + sellerSound, "sound:invoice-date-is", .. ValueSpeakers.Speak("date", date, "zh-CN").Select(w => "sound:" + w),
            "sound:invoice-amount-is", .. ValueSpeakers.Speak("amount", amount, "zh-CN").Select(w => "sound:" + w),
        ];
        var played = call.PlayedMedia.ToList();
        var start = played.IndexOf("sound:invoice-match");
        Assert.True(start >= 0, "no invoice-match in " + string.Join(", ", played));
        Assert.Equal(expected, played.Skip(start).Take(expected.Length));
        return expected;
    }

    async Task KeyAndConfirmAsync(VirtualCall call, string prompt, string keys)
    {
        await call.WaitForPlaybackAsync(prompt, Wait);
        await call.PressAsync(keys, KeyGap);
        await call.WaitForPlaybackAsync("sound:confirm-or-reenter", Wait);
        await call.PressAsync("1");
    }
}

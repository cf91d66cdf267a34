using Ivr.Service.Calendar;
using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService;
using Ivr.Service.SelfService.Complaints;
using Ivr.Service.SelfService.Filing;
using Ivr.Service.SelfService.Hours;
using Ivr.Service.SelfService.Messages;
using Ivr.Service.SelfService.Reminders;
using Ivr.Service.Speech.Values;
using Ivr.Simulator;
using Ivr.Tests.Conformance.Sounds;
using Ivr.Tests.Infrastructure;
using Ivr.Tests.SelfService.Filing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Tests.SelfService;

/// <summary>
/// The 12366 menus over the simulator with the real self-service back ends on PostgreSQL. The service's clock is fake
/// and stands still: no menu timer fires, so each call goes exactly where its keys lead.
/// </summary>
public sealed class SelfServiceCallTests(TaxpayerDatabase taxpayers) : IClassFixture<TaxpayerDatabase>, IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    readonly DirectoryInfo _sounds = Directory.CreateTempSubdirectory("ivr-selfservice-sounds-");
    readonly SentSms _sms = new();
    readonly string _prefix = $"test:{Guid.NewGuid():N}:";
    AsteriskSimulator _sim = null!;
    StackExchange.Redis.ConnectionMultiplexer _redis = null!;
    MenuCalls? _service;

    public async Task InitializeAsync()
    {
        // The simulator ends a sound without a file at once; the main menu needs a length so keys interrupt it.
        Directory.CreateDirectory(Path.Combine(_sounds.FullName, "zh"));
        SilentWav.Write(Path.Combine(_sounds.FullName, "zh", "main-menu.wav"), TimeSpan.FromSeconds(2));
        _sim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            DialplanPath = Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf"),
            SoundsDirectory = _sounds.FullName,
        });
        _redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Servers.Redis);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.StopAsync(CancellationToken.None);
        await _sim.DisposeAsync();
        await foreach (var key in _redis.GetServers()[0].KeysAsync(pattern: _prefix + "*")) await _redis.GetDatabase().KeyDeleteAsync(key);
        await _redis.DisposeAsync();
        _sounds.Delete(recursive: true);
    }

    /// <summary>Starts the service with the clock at <paramref name="localTime"/> in China and dials 12366 to the main menu.</summary>
    async Task<VirtualCall> CallAsync(string localTime, string caller = "13800000000")
    {
        var clock = Calls.ChinaClock(localTime);
        // As the service wires them: callers are answered for a year without holiday data on a Monday-Friday calendar.
        var calendar = WorkingDayCalendar.Load().WeekendsOnlyWhereMissing();
        var sms = new CallSms(_sms, new SmsConsents(taxpayers.Db), _redis, _prefix, NullLogger<CallSms>.Instance);
        IMenuAction[] backEnds =
        [
            new FilingDeadlineAction(new TaxDeadlines(FilingDeadlines.Load(calendar)), clock),
            new FilingStatusAction(new TaxpayerDirectory(taxpayers.Db), clock, NullLogger<FilingStatusAction>.Instance),
            new ComplaintCreateAction(new ComplaintTickets(taxpayers.Db), calendar, clock),
            new SubscribeAction(new SmsConsents(taxpayers.Db), clock),
        ];
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ari:Url"] = _sim.AriUrl.ToString(), ["Ari:User"] = _sim.User, ["Ari:Password"] = _sim.Password, ["Calls:Prefix"] = _prefix,
        }).Build();
        var setup = MenuCallSetup.TryLoad(config, Servers.RepoRoot(), out var errors)
            ?? throw new InvalidOperationException("menus do not load: " + string.Join(Environment.NewLine, errors));
        var actions = new SelfServiceActions(backEnds, new UnavailableActions(NullLogger<UnavailableActions>.Instance), NullLogger<SelfServiceActions>.Instance);
        var hours = OpenCalendars.Create(new ConfigurationBuilder().Build(), calendar, NullLogger<OpenCalendars>.Instance);
        _service = new MenuCalls(config, setup, actions, clock, NullLoggerFactory.Instance, hours, sms: sms);
        await _service.StartAsync(CancellationToken.None);
        await _service.Connected.WaitAsync(Wait);
        var call = await _sim.DialAsync("12366", callerId: caller);
        await call.WaitForPlaybackAsync("sound:main-menu", Wait);
        return call;
    }

    /// <summary>From the main menu: <paramref name="menu"/> keys to a taxpayer id entry, the id keyed and confirmed.</summary>
    static async Task KeysTaxpayerIdAsync(VirtualCall call, string menu, string id)
    {
        await call.PressAsync(menu);
        await call.WaitForPlaybackAsync("sound:enter-taxpayer-id", Wait);
        await call.PressAsync(id + "#");
        await call.WaitForPlaybackAsync("sound:confirm-or-reenter", Wait);
        await call.PressAsync("1");
    }

    static async Task HearsAsync(VirtualCall call, string kind, string value)
    {
        foreach (var word in ValueSpeakers.Speak(kind, value, "zh-CN"))
            await call.WaitForPlaybackAsync("sound:" + word, Wait);
    }

    [Fact]
    public async Task Caller_asking_for_the_deadline_hears_the_published_date_of_the_next_vat_filing()
    {
        var call = await CallAsync("2026-11-23T10:00:00");
        await call.PressAsync("21");
        await call.WaitForPlaybackAsync("sound:deadline-is", Wait);
        await HearsAsync(call, "date", "20261215");
        await call.WaitForPlaybackAsync("sound:filing-menu", Wait);
    }

    [Fact]
    public async Task Recorded_complaint_becomes_a_ticket_read_back_and_sent_by_sms()
    {
        var call = await CallAsync("2026-11-19T15:00:00");
        await call.PressAsync("51");
        await call.WaitForPlaybackAsync("sound:record-after-beep", Wait);
        await call.SayAsync(TimeSpan.FromMilliseconds(300));
        await call.PressAsync("#");
        await call.WaitForPlaybackAsync("sound:ticket-number-is", Wait);
        var sms = Assert.Single(await _sms.WaitForAsync(1, Wait));
        Assert.Equal(("13800000000", "complaint-ticket", "20261123"), (sms.Phone, sms.TemplateCode, sms.Parameters["answer-by"]));
        var ticket = sms.Parameters["ticket"];
        Assert.StartsWith("20261119", ticket);
        await HearsAsync(call, "digits", ticket);
        await call.WaitForPlaybackAsync("sound:answer-within-2-days", Wait);
        Assert.Equal($"{call.IvrChannelId}-recording-1",
            await taxpayers.ScalarAsync<string>("select recording from complaint_tickets where ticket = $1", ticket));
    }

    [Fact]
    public async Task Caller_not_registered_for_the_taxpayer_hears_that_its_filings_cannot_be_disclosed()
    {
        var call = await CallAsync("2026-11-23T10:00:00", caller: "13900000001");
        await KeysTaxpayerIdAsync(call, "22", "914403007152600052");
        await call.WaitForPlaybackAsync("sound:status-not-authorised", Wait);
        Assert.DoesNotContain("sound:status-filed", call.PlayedMedia);
    }

    [Fact]
    public async Task Individual_keying_an_id_number_hears_its_filing_status()
    {
        var call = await CallAsync("2026-11-23T10:00:00");
        await KeysTaxpayerIdAsync(call, "22", "440306198506120038");
        await call.WaitForPlaybackAsync("sound:status-not-filed", Wait);
    }

    [Fact]
    public async Task Id_number_ending_in_x_keyed_as_star_subscribes_to_reminders_and_the_menu_confirms_by_one_sms()
    {
        var call = await CallAsync("2026-11-23T10:00:00", caller: "13911113001");
        await KeysTaxpayerIdAsync(call, "23", "11010519491231002*");
        await call.WaitForPlaybackAsync("sound:subscribe-consent", Wait);
        await call.PressAsync("1");
        await call.WaitForPlaybackAsync("sound:subscribe-done", Wait);

        var sms = Assert.Single(await _sms.WaitForAsync(1, Wait));
        Assert.Equal(("13911113001", "subscription-confirmed"), (sms.Phone, sms.TemplateCode));
        Assert.Equal("11010519491231002X",
            await taxpayers.ScalarAsync<string>("select taxpayer_id from sms_consents where phone = '13911113001'"));
    }

    [Fact]
    public async Task Caller_in_december_hears_the_january_deadline_of_a_year_without_holiday_data_by_the_rule()
    {
        var call = await CallAsync("2026-12-20T10:00:00");
        await call.PressAsync("21");
        await call.WaitForPlaybackAsync("sound:deadline-is", Wait);
        // 15 January 2027 is a Friday; no holiday is known for 2027, so §109 moves nothing.
        await HearsAsync(call, "date", "20270115");
        Assert.DoesNotContain("sound:service-error", call.PlayedMedia);
    }

    [Theory]
    // A Monday morning: seats are open, so "0" queues (no seat answers here, so the queue's failure path follows).
    [InlineData("2026-11-23T10:00:00", "0", "seat-busy", "seat-closed")]
    // National Day, a Friday: seats are closed and the caller hears the hours.
    [InlineData("2026-10-02T10:00:00", "0", "seat-closed", "seat-busy")]
    public async Task Where_keys_lead_depends_on_the_date_and_hour_of_the_call(string localTime, string keys, string hears, string never)
    {
        var call = await CallAsync(localTime);
        await call.PressAsync(keys);
        await call.WaitForPlaybackAsync("sound:" + hears, Wait);
        Assert.DoesNotContain("sound:" + never, call.PlayedMedia);
    }
}

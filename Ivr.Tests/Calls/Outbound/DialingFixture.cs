using Ivr.Service.Calls;
using Ivr.Service.Calls.Outbound;
using Ivr.Simulator;
using Ivr.Tests.Calls.Records;
using Ivr.Tests.Conformance.Sounds;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Tests.Calls.Outbound;

/// <summary>
/// The recorded 12366 service on the simulator plus the ARI dialer, dialling <c>Local/{phone}@outbound</c> through the
/// shipped dialplan (which dials <c>PJSIP/{phone}@trunk</c>); taxpayers' phones are the simulator's virtual seats, or
/// <see cref="Phones"/> where the test presses keys.
/// </summary>
public sealed class DialingFixture : RecordedCallsFixture
{
    /// <summary>The reminder's prompts, as sounds the simulator plays for their length.</summary>
    static readonly string[] ReminderSounds =
    [
        "reminder-intro", "reminder-intro-cit", "reminder-intro-iit", "reminder-intro-social-insurance", "reminder-intro-other",
        "reminder-keys", "reminder-sms-after-call", "reminder-seat-busy", "goodbye", "sorry-goodbye",
    ];

    readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("ivr-dialing-");
    readonly Lock _gate = new();
    AriOutboundDialer? _dialer;
    Task<TaxpayerPhones>? _phones;

    public AriOutboundDialer Dialer => _dialer ?? throw new InvalidOperationException("the fixture is not initialised");

    /// <summary>The phones a test presses keys on, connected on first use.</summary>
    public Task<TaxpayerPhones> PhonesAsync()
    {
        lock (_gate) return _phones ??= TaxpayerPhones.ConnectAsync(Sim.AriUrl, Sim.User, Sim.Password, Wait);
    }

    protected override IOutboundChannels? Outbound => _dialer ??= new AriOutboundDialer(AriSettings.From(Configuration),
        new OutboundTrunk(new OutboundDialOptions()), new OutboundDialStore(new Ivr.Service.Calls.Records.CallRecordsDatabase(Npgsql.NpgsqlDataSource.Create(ConnectionString))),
        Store, Writer, TimeProvider.System, NullLogger<AriOutboundDialer>.Instance);

    protected override SimulatorOptions Simulator(SimulatorOptions defaults)
    {
        var dialplan = Path.Combine(_files.FullName, "extensions.conf");
        File.WriteAllText(dialplan, TaxpayerPhones.Dialplan(File.ReadAllText(defaults.DialplanPath!)));
        foreach (var folder in new[] { "zh", "en" })
            foreach (var sound in ReminderSounds)
            {
                var path = Path.Combine(defaults.SoundsDirectory!, folder, sound + ".wav");
                if (!File.Exists(path)) SilentWav.Write(path, TimeSpan.FromMilliseconds(300));
            }
        return defaults with { DialplanPath = dialplan };
    }

    public override async Task DisposeAsync()
    {
        if (_phones is { IsCompletedSuccessfully: true }) await (await _phones).DisposeAsync();
        await base.DisposeAsync();
        _dialer?.Dispose();
        _files.Delete(recursive: true);
    }
}

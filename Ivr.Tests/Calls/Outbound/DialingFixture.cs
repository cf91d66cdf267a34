using Ivr.Service.Calls;
using Ivr.Service.Calls.Outbound;
using Ivr.Tests.Calls.Records;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Tests.Calls.Outbound;

/// <summary>
/// The recorded 12366 service on the simulator plus the ARI dialer, dialling <c>Local/{phone}@outbound</c> through the
/// shipped dialplan (which dials <c>PJSIP/{phone}@trunk</c>); taxpayers' phones are the simulator's virtual seats.
/// </summary>
public sealed class DialingFixture : RecordedCallsFixture
{
    AriOutboundDialer? _dialer;

    public AriOutboundDialer Dialer => _dialer ?? throw new InvalidOperationException("the fixture is not initialised");

    protected override IOutboundChannels? Outbound => _dialer ??= new AriOutboundDialer(AriSettings.From(Configuration),
        new OutboundDialOptions(), new OutboundDialStore(new Ivr.Service.Calls.Records.CallRecordsDatabase(Npgsql.NpgsqlDataSource.Create(ConnectionString))),
        Store, Writer, TimeProvider.System, NullLogger<AriOutboundDialer>.Instance);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dialer?.Dispose();
    }
}

using Ivr.Service.Calls.Records;
using Ivr.Service.Campaigns;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ivr.Service.Calls.Outbound;

/// <summary>The ARI dialer for voice campaigns and callbacks; it needs the call records database (dial rows, lookups).</summary>
public static class OutboundHosting
{
    public static IServiceCollection AddOutboundDialer(this IServiceCollection services, IConfiguration config)
    {
        if (CallRecordsHosting.PostgresOf(config) is null) return services;
        services.TryAddSingleton(config.GetSection("Outbound").Get<OutboundDialOptions>() ?? new OutboundDialOptions());
        services.TryAddSingleton<OutboundDialStore>();
        services.TryAddSingleton(sp => new AriOutboundDialer(AriSettings.From(config), sp.GetRequiredService<OutboundDialOptions>(),
            sp.GetRequiredService<OutboundDialStore>(), sp.GetRequiredService<CallRecordStore>(), sp.GetRequiredService<ICallRecorder>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AriOutboundDialer>>()));
        services.TryAddSingleton<IOutboundDialer>(sp => sp.GetRequiredService<AriOutboundDialer>());
        services.TryAddSingleton<IOutboundChannels>(sp => sp.GetRequiredService<AriOutboundDialer>());
        return services;
    }
}

using Ivr.Service.Calls.Records;
using Ivr.Service.Campaigns;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ivr.Service.Calls.Outbound;

/// <summary>The ARI dialer for voice campaigns and callbacks; it needs the call records database (dial rows, lookups).</summary>
public static class OutboundHosting
{
    public static IServiceCollection AddOutboundDialer(this IServiceCollection services, IConfiguration config)
    {
        services.AddOutboundTrunk(config);
        if (CallRecordsHosting.PostgresOf(config) is null) return services;
        services.TryAddSingleton<OutboundDialStore>();
        services.TryAddSingleton(sp => new AriOutboundDialer(AriSettings.From(config), sp.GetRequiredService<OutboundTrunk>(),
            sp.GetRequiredService<OutboundDialStore>(), sp.GetRequiredService<CallRecordStore>(), sp.GetRequiredService<ICallRecorder>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AriOutboundDialer>>()));
        services.TryAddSingleton<IOutboundDialer>(sp => sp.GetRequiredService<AriOutboundDialer>());
        services.TryAddSingleton<IOutboundChannels>(sp => sp.GetRequiredService<AriOutboundDialer>());
        return services;
    }

    /// <summary>The one trunk campaigns and callbacks share (section <c>Outbound</c>); needs nothing but configuration.</summary>
    public static IServiceCollection AddOutboundTrunk(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton(config.GetSection("Outbound").Get<OutboundDialOptions>() ?? new OutboundDialOptions());
        services.TryAddSingleton(sp => new OutboundTrunk(sp.GetRequiredService<OutboundDialOptions>()));
        return services;
    }
}

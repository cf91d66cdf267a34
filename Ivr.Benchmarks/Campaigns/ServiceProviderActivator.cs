using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>Hangfire builds job classes (CampaignJobRunner) from the benchmark's service provider, as the service's host does.</summary>
public sealed class ServiceProviderActivator(IServiceProvider services) : JobActivator
{
    public override object ActivateJob(Type jobType) => ActivatorUtilities.GetServiceOrCreateInstance(services, jobType);
}

using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService;
using Ivr.Service.SelfService.Hours;
using Ivr.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Tests.SelfService;

public sealed class TaxpayerActionsHostingTests
{
    static ServiceProvider Services(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddLogging()
        .AddSelfService(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .BuildServiceProvider();

    [Fact]
    public void With_a_database_every_action_of_this_capability_has_its_back_end()
    {
        using var services = Services(new() { ["Campaigns:Postgres"] = Servers.Postgres, ["Campaigns:Redis"] = Servers.Redis });
        var actions = Assert.IsType<SelfServiceActions>(services.GetRequiredService<IActionInvoker>());
        foreach (var name in new[] { "filing.deadline", "filing.status", "sms.subscribe", "sms.unsubscribe", "complaint.create", "survey.record" })
            Assert.Contains(name, actions.Connected);
        Assert.NotNull(services.GetRequiredService<OpenCalendars>());
    }

    [Fact]
    public void Without_a_database_only_the_calendar_answers_and_the_rest_take_the_error_path()
    {
        using var services = Services([]);
        var actions = Assert.IsType<SelfServiceActions>(services.GetRequiredService<IActionInvoker>());
        Assert.Equal(["filing.deadline"], actions.Connected);
        Assert.NotNull(services.GetRequiredService<OpenCalendars>());
    }
}

using Ivr.Service.Calls.Menu;

namespace Ivr.Service.SelfService;

/// <summary>Registers the menu actions' back ends; each capability adds its own <see cref="IMenuAction"/>s here.</summary>
public static class SelfServiceHosting
{
    public static IServiceCollection AddSelfService(this IServiceCollection services, IConfiguration config)
    {
        _ = config;
        services.AddTaxpayerActions(config);
        services.AddSingleton<UnavailableActions>();
        services.AddSingleton<IActionInvoker, SelfServiceActions>();
        Invoices.InvoiceServices.AddInvoices(services, config);
        return services;
    }
}

namespace Ivr.Service.SelfService.Invoices.Limits;

/// <summary>Configuration section <c>Invoices:Limits</c>.</summary>
public sealed class InvoiceLimitOptions
{
    /// <summary>Checks of one invoice per Beijing day; the national service allows 5.</summary>
    public int PerInvoicePerDay { get; set; } = 5;

    /// <summary>Checks one calling number may make within <see cref="CallerWindow"/>, so one caller cannot walk the registry.</summary>
    public int PerCaller { get; set; } = 10;

    public TimeSpan CallerWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Refuses settings that would switch a limit off by accident, naming the setting.</summary>
    public InvoiceLimitOptions Validated()
    {
        if (PerInvoicePerDay < 1) throw new InvalidOperationException($"Invoices:Limits:PerInvoicePerDay must be at least 1, got {PerInvoicePerDay}");
        if (PerCaller < 1) throw new InvalidOperationException($"Invoices:Limits:PerCaller must be at least 1, got {PerCaller}");
        if (CallerWindow < TimeSpan.FromSeconds(1)) throw new InvalidOperationException($"Invoices:Limits:CallerWindow must be at least 00:00:01, got {CallerWindow}");
        return this;
    }
}

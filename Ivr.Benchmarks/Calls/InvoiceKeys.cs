using System.Globalization;

namespace Ivr.Benchmarks.Calls;

/// <summary>What a caller keys for one invoice check: the code (with # when it is 10 digits), the number, the date and the check code.</summary>
public sealed record InvoiceKeys(string Code, string Number, string Date, string Check)
{
    /// <summary>
    /// Invoices of the demo registry (Ivr.Service/SelfService/Invoices/Data/sample-invoices.csv) checked by their check
    /// code, in a hotline-like mix: six in ten match, the rest are a wrong check code, an unknown number, a voided and a
    /// red-reversed invoice. Unknown numbers differ per call.
    /// </summary>
    public static InvoiceKeys ForCall(long call) => (call % 10) switch
    {
        6 => new("4403241330#", "00056781", "20240408", "000000"),
        7 => new("4403241330#", (call % 100_000_000).ToString("D8", CultureInfo.InvariantCulture), "20240408", "583920"),
        8 => new("044032400111", "12345679", "20240830", "857261"),
        9 => new("044032400111", "12345678", "20240722", "039485"),
        _ => new("4403241330#", "00056781", "20240408", "583920"),
    };
}

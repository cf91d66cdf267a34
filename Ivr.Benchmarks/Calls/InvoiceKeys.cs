using System.Globalization;

namespace Ivr.Benchmarks.Calls;

/// <summary>What a caller keys for one invoice check: a 12-digit code, the 8-digit number, the date and the check-code digits.</summary>
public sealed record InvoiceKeys(string Code, string Number, string Date, string Check)
{
    /// <summary>
    /// An electronic ordinary invoice (code ending 11: the menu asks for the check code) with a number of its own per
    /// call, so a per-invoice daily limit never decides the result of a load of many calls.
    /// </summary>
    public static InvoiceKeys ForCall(long call) =>
        new("044002512311", (call % 100_000_000).ToString("D8", CultureInfo.InvariantCulture), "20250315", "123456");
}

using Ivr.Simulator;

namespace Ivr.Benchmarks.Calls;

/// <summary>
/// A taxpayer checking an invoice by phone through the 12366 menus (menus/12366.yaml): main menu 1, paper invoice 1,
/// then code, number, date and check code, each confirmed with 1 after its read-back; hears the result and hangs up.
/// Each key waits for the prompt that asks for it and for <see cref="CallerPace.Listen"/> into it, so keys barge in as a
/// regular caller's would, and keys come <see cref="CallerPace.KeyGap"/> apart, as read off a paper invoice.
/// </summary>
public sealed class InvoiceCaller(AsteriskSimulator sim, CallerPace pace, TimeSpan wait)
{
    /// <summary>What the invoice-verify node can answer with, including the menu's error path.</summary>
    public static readonly IReadOnlySet<string> Results = new HashSet<string>(
        new[] { "invoice-match", "invoice-mismatch", "invoice-not-found", "invoice-voided", "invoice-red-reversed", "invoice-limit",
            "invoice-today", "invoice-too-old", "service-error" }.Select(Sound));

    /// <summary>What follows a result: the after-check menu, or the main menu after the error prompt.</summary>
    static readonly IReadOnlySet<string> AfterResult = new HashSet<string>([Sound("invoice-after"), Sound("main-menu")]);

    static string Sound(string prompt) => "sound:" + prompt;

    public async Task<CallOutcome> RunAsync(string callerNumber, InvoiceKeys invoice)
    {
        var dialled = System.Diagnostics.Stopwatch.GetTimestamp();
        var call = await sim.DialAsync("12366", callerNumber);
        var keys = new List<DateTimeOffset>(48);
        try
        {
            await HearAsync(call, "main-menu");
            await KeyAsync(call, "1", keys);
            await HearAsync(call, "invoice-kind");
            await KeyAsync(call, "1", keys);
            await AnswerAsync(call, "enter-invoice-code", invoice.Code, keys);
            await AnswerAsync(call, "enter-invoice-number", invoice.Number, keys);
            await AnswerAsync(call, "enter-invoice-date", invoice.Date, keys);
            await AnswerAsync(call, "enter-check-code", invoice.Check, keys);
            var result = await HearOneOfAsync(call, Results);
            await HearOneOfAsync(call, AfterResult);
            await call.HangUpAsync();
            await call.WaitForHangupAsync(wait);
            return new CallOutcome(call.IvrChannelId, result, keys, null, System.Diagnostics.Stopwatch.GetElapsedTime(dialled));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await call.HangUpAsync();
            return new CallOutcome(call.IvrChannelId, null, keys, e.Message, System.Diagnostics.Stopwatch.GetElapsedTime(dialled));
        }
    }

    /// <summary>Keys the entry once asked, then confirms it once the read-back offers 1 to confirm.</summary>
    async Task AnswerAsync(VirtualCall call, string prompt, string entry, List<DateTimeOffset> keys)
    {
        await HearAsync(call, prompt);
        await KeyAsync(call, entry, keys);
        await HearAsync(call, "confirm-or-reenter");
        await KeyAsync(call, "1", keys);
    }

    async Task HearAsync(VirtualCall call, string prompt)
    {
        await call.WaitForPlaybackAsync(Sound(prompt), wait);
        await Task.Delay(pace.Listen);
    }

    async Task<string> HearOneOfAsync(VirtualCall call, IReadOnlySet<string> media)
    {
        while (true)
            if (await call.WaitForPlaybackAsync(null, wait) is var played && media.Contains(played))
                return played;
    }

    /// <summary>One key at a time, so each ChannelDtmfReceived has its own send time.</summary>
    async Task KeyAsync(VirtualCall call, string digits, List<DateTimeOffset> keys)
    {
        foreach (var digit in digits)
        {
            if (keys.Count > 0) await Task.Delay(pace.KeyGap);
            await call.PressAsync(digit.ToString());
            keys.Add(call.LastDigitSentAt ?? throw new InvalidOperationException($"the simulator did not say when key {digit} went out on {call.IvrChannelId}"));
        }
    }
}

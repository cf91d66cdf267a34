using Ivr.Service.Calls.Records;
using Ivr.Service.Speech.Values;
using Ivr.Tests.Calls;

namespace Ivr.Tests.RealAsterisk;

/// <summary>Callers on a real Asterisk 22 loaded with asterisk-config/, served by the service in inbound mode (docs/deploy.md).</summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class RealAsteriskCallTests(RealAsteriskRig rig)
{
    [RealAsteriskFact]
    public async Task Caller_hears_the_welcome_from_the_rendered_prompts_and_then_the_main_menu()
    {
        await using var caller = await RealCaller.ConnectAsync(rig.Asterisk);
        var call = await caller.DialAsync();

        var welcome = await call.HearsAsync("sound:welcome");
        Assert.Equal("zh", welcome.Language);
        // A prompt Asterisk cannot find ends "failed" at once; "done" means it read our file to its end.
        Assert.Equal("done", await call.PlaybackEndsAsync(welcome.Id));
        await call.HearsAsync("sound:main-menu");
        await call.HangUpAsync();
        await call.EndsAsync();
    }

    [RealAsteriskFact]
    public async Task Caller_checks_a_sample_digital_invoice_and_hears_it_matches_with_seller_date_and_total()
    {
        await using var caller = await RealCaller.ConnectAsync(rig.Asterisk);
        var call = await caller.DialAsync();
        await call.HearsAsync("sound:main-menu");
        await call.PressAsync("1");
        await call.HearsAsync("sound:invoice-kind");
        await call.PressAsync("2");
        await KeyAndConfirmAsync(call, "sound:enter-digital-number", "24442000000012345678");
        await KeyAndConfirmAsync(call, "sound:enter-invoice-date", "20240912");
        await KeyAndConfirmAsync(call, "sound:enter-total", "11300#");

        string[] result =
        [
            "sound:invoice-match", "sound:invoice-seller-is", .. Values("date", "20240912").Prepend("sound:invoice-date-is"),
            "sound:invoice-amount-is", .. Values("amount", "11300.00"),
        ];
        // Real playbacks take real time: the answer lasts longer than one wait, so each word is waited for in turn.
        foreach (var word in result) await call.HearsAsync(word);
        var heard = call.Heard.SkipWhile(m => m != "sound:invoice-match").ToList();
        // The seller is rendered during the call: its name is a runtime sound between "the seller is" and "the date is".
        Assert.Equal(result[..2], heard[..2]);
        Assert.StartsWith("sound:runtime/", heard[2]);
        Assert.Equal(result[2..], heard[3..(result.Length + 1)]);
        await call.HangUpAsync();
        var record = await rig.RecordOfAsync(call.IvrLeg);
        Assert.Contains(record.Actions, a => a is { Action: "invoice.verify", Result: "match" });
    }

    [RealAsteriskFact]
    public async Task Hanging_up_at_the_main_menu_closes_the_call_record_and_removes_the_call_state()
    {
        await using var caller = await RealCaller.ConnectAsync(rig.Asterisk);
        var call = await caller.DialAsync(callerNumber: "13900000002");
        await call.HearsAsync("sound:main-menu");

        await call.HangUpAsync();

        var record = await rig.RecordOfAsync(call.IvrLeg);
        Assert.Equal(("13900000002", "12366", CallOutcomes.Abandoned), (record.CallerNumber, record.DialledNumber, record.Outcome));
        Assert.NotNull(record.AnsweredAt);
        Assert.True(record.EndedAt > record.AnsweredAt);
        Assert.Contains(record.Path, p => p.Node == "main");
        await MenuCallRig.WaitUntilAsync(() => !rig.HasState(call.IvrLeg), "the call's state outlived the hang-up");
        Assert.DoesNotContain(call.IvrLeg, rig.Service.RunningCalls);
    }

    static IEnumerable<string> Values(string kind, string value) => ValueSpeakers.Speak(kind, value, "zh-CN").Select(w => "sound:" + w);

    static async Task KeyAndConfirmAsync(RealCall call, string prompt, string keys)
    {
        await call.HearsAsync(prompt);
        await call.PressAsync(keys);
        await call.HearsAsync("sound:confirm-or-reenter");
        await call.PressAsync("1");
    }
}

using System.Diagnostics;
using Ivr.Tests.Calls;

namespace Ivr.Tests.RealAsterisk;

/// <summary>The real Asterisk restarted under a call: the call is closed in the records and the service comes back by itself.</summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class AsteriskRestartTests(RealAsteriskRig rig)
{
    [RealAsteriskFact(RestartsAsterisk = true)]
    public async Task Asterisk_restarted_under_a_call_closes_its_record_and_the_next_caller_reaches_the_menu_again()
    {
        RealCall call;
        await using (var caller = await RealCaller.ConnectAsync(rig.Asterisk))
        {
            call = await caller.DialAsync();
            await call.HearsAsync("sound:main-menu");

            await RestartAsteriskAsync();

            var record = await rig.RecordOfAsync(call.IvrLeg);
            Assert.Contains(record.Path, p => p.Node == "main");
            await MenuCallRig.WaitUntilAsync(() => !rig.HasState(call.IvrLeg), "the ended call's state outlived the restart");
        }

        await using var next = await RealCaller.ConnectAsync(rig.Asterisk);
        // Until the service's socket is back, application ivr does not exist and Stasis(ivr) fails the call.
        await WaitForApplicationAsync(next, "ivr");
        var again = await next.DialAsync();
        await again.HearsAsync("sound:main-menu");
        await again.HangUpAsync();
        await again.EndsAsync();
    }

    static async Task WaitForApplicationAsync(RealCaller caller, string app)
    {
        var until = DateTime.UtcNow + RealCaller.Wait;
        while (true)
        {
            try
            {
                await caller.Ari.Applications.GetAsync(app);
                return;
            }
            catch (Ivr.Ari.Errors.AriException ex) when (ex.IsNotFound && DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    static async Task RestartAsteriskAsync()
    {
        using var restart = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", RealAsteriskFactAttribute.RestartCommand!])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var (output, errors) = (restart.StandardOutput.ReadToEndAsync(), restart.StandardError.ReadToEndAsync());
        await restart.WaitForExitAsync().WaitAsync(RealCaller.Wait);
        Assert.True(restart.ExitCode == 0, $"IVR_ASTERISK_RESTART failed ({restart.ExitCode}): {await output}{await errors}");
    }
}

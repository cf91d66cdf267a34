using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Apps;

/// <summary>The <c>Stasis()</c> dialplan app and <c>continue</c>: entering and leaving an ARI application.</summary>
internal sealed class StasisEntry(Pbx pbx)
{
    /// <summary>Hands the channel to <paramref name="app"/>; false (STASISSTATUS=FAILED, dialplan goes on) when the app is not active.</summary>
    public bool Enter(SimChannel ch, string app, IReadOnlyList<string> args)
    {
        if (pbx.Outbound.PerCall(app) is { } perCall)
        {
            Outbound.PerCallOutbound.Enter(pbx, ch, perCall, args, pbx.Outbound.Rest);
            return true;
        }
        if (pbx.Apps.Find(app) is not { IsActive: true })
        {
            pbx.ChannelEvents.Varset(ch, "STASISSTATUS", "");
            pbx.ChannelEvents.Varset(ch, "STASISSTATUS", "FAILED");
            return false;
        }
        pbx.ChannelEvents.StasisStart(ch, app, args);
        return true;
    }

    /// <summary><c>POST /channels/{id}/continue</c>: StasisEnd, then the dialplan resumes where asked or at the next priority.</summary>
    public void Continue(SimChannel ch, string? context, string? exten, int? priority)
    {
        pbx.ChannelEvents.StasisEnd(ch, "SUCCESS");
        if (context is { Length: > 0 }) ch.Context = context;
        if (exten is { Length: > 0 }) ch.Exten = exten;
        if (priority is { } p) ch.Priority = p;
        else if (context is { Length: > 0 } || exten is { Length: > 0 }) ch.Priority = 1;
        else ch.Priority++;
        pbx.Runner.Start(ch);
    }
}

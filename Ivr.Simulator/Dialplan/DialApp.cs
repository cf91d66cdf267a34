using System.Globalization;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Dialplan;

/// <summary>
/// The <c>Dial(Local/..|PJSIP/..[,timeout])</c> app: calls one target, reports Dial events and DIALSTATUS, and
/// while connected ties the two channels' fates together; when the callee ends, the dialplan goes on.
/// </summary>
internal sealed class DialApp(Pbx pbx)
{
    public void Dial(SimChannel caller, string[] args)
    {
        var target = args.Length > 0 ? args[0].Split('&')[0].Trim() : "";
        var timeout = args.Length > 1 && int.TryParse(args[1].Trim(), CultureInfo.InvariantCulture, out var t) && t > 0 ? TimeSpan.FromSeconds(t) : (TimeSpan?)null;
        var slash = target.IndexOf('/');
        var (tech, resource) = slash > 0 ? (target[..slash], target[(slash + 1)..]) : ("", target);
        SimChannel? callee;
        SimChannel? localTwo = null;
        if (tech.Equals("PJSIP", StringComparison.OrdinalIgnoreCase))
            callee = pbx.SeatChannels.Create(resource.Split('@')[0], null, caller.CallerName, caller.CallerNumber);
        else if (tech.Equals("Local", StringComparison.OrdinalIgnoreCase) && resource.Split('@') is [var exten, var context])
            (callee, localTwo) = pbx.Locals.Create(new LocalChannels.Request(exten, context.Split('/')[0]) { CallerName = caller.CallerName, CallerNumber = caller.CallerNumber });
        else callee = null;
        if (callee is null)
        {
            Result(caller, "CHANUNAVAIL");
            return;
        }
        callee.DialedBy = caller;
        caller.DialPartner = callee;
        pbx.ChannelEvents.Dial(callee, "", resource);
        if (timeout is { } limit)
            caller.Pending = pbx.Clock.After(limit, () => pbx.Run(() => NoAnswer(caller, callee)));
        if (localTwo is not null) pbx.Locals.Dial(callee, localTwo, null);
        else pbx.SeatChannels.Call(callee, (status, cause) => Refused(callee, status, cause), () => Answered(callee));
    }

    /// <summary>The callee answered: Dial ANSWER, the caller is answered too, and the two are connected.</summary>
    public void Answered(SimChannel callee)
    {
        if (callee.DialedBy is not { Gone: false } caller) return;
        caller.Pending?.Dispose();
        pbx.ChannelEvents.Dial(callee, "ANSWER", "");
        pbx.Answer(caller);
        caller.ConnectedName = callee.CallerName;
        caller.ConnectedNumber = callee.Name;
        pbx.Variables.Write(caller, "DIALSTATUS", "ANSWER");
        pbx.Audio.Update(callee);
        pbx.Audio.Update(caller);
    }

    /// <summary>BUSY or CONGESTION from the callee: it ends, and the caller's dialplan goes on.</summary>
    public void Refused(SimChannel callee, string status, int cause)
    {
        if (callee.DialedBy is not { Gone: false } caller) return;
        caller.Pending?.Dispose();
        pbx.ChannelEvents.Dial(callee, status, "");
        callee.DialedBy = null;
        caller.DialPartner = null;
        pbx.Hangups.Finish(callee, cause);
        Result(caller, status);
    }

    void NoAnswer(SimChannel caller, SimChannel callee)
    {
        if (caller.Gone || callee.Gone || callee.State == "Up") return;
        callee.DialedBy = null;
        caller.DialPartner = null;
        pbx.Hangups.Request(callee, HangupCauses.NoAnswer, soft: false, HangupCauses.NoAnswer);
        Result(caller, "NOANSWER");
    }

    /// <summary>One side of a connected Dial ended: the callee's end resumes the caller's dialplan, the caller's end hangs up the callee.</summary>
    public void PartnerGone(SimChannel gone)
    {
        if (gone.DialedBy is { Gone: false, HangingUp: false } caller)
        {
            caller.DialPartner = null;
            var status = gone.State == "Up" ? "ANSWER" : "CANCEL";
            // Dial() returns after the callee is fully gone, so the caller's next priorities run after its ChannelDestroyed.
            pbx.Clock.After(TimeSpan.Zero, () => pbx.Run(() =>
            {
                if (!caller.Gone) Result(caller, status);
            }));
        }
        else if (gone.DialPartner is { Gone: false, HangingUp: false } callee)
        {
            callee.DialedBy = null;
            pbx.Hangups.Request(callee, HangupCauses.NormalClearing, soft: false, HangupCauses.NormalClearing);
        }
    }

    void Result(SimChannel caller, string status)
    {
        pbx.Variables.Write(caller, "DIALSTATUS", status);
        if (!caller.HangingUp && caller.StasisApp is null) pbx.Runner.Next(caller);
    }
}

using System.Globalization;
using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Dialplan;

/// <summary>Runs a channel through its dialplan, one priority at a time; apps that take time schedule the next step.</summary>
internal sealed class DialplanRunner(Pbx pbx)
{
    /// <summary><c>Answer()</c> waits this long for media before the next priority (the 0.5 s seen in every trace).</summary>
    public static readonly TimeSpan AnswerMediaWait = TimeSpan.FromMilliseconds(500);

    public void Start(SimChannel ch)
    {
        ch.RanDialplan = true;
        Run(ch);
    }

    /// <summary>Continues after the current priority (Stasis left with <c>continue</c>, a wait ended).</summary>
    public void Next(SimChannel ch)
    {
        ch.Priority++;
        Run(ch);
    }

    void Run(SimChannel ch)
    {
        while (!ch.HangingUp && !ch.Gone)
        {
            var step = pbx.Dialplan.Find(ch.Context, ch.Exten)?.At(ch.Priority);
            if (step is null)
            {
                // Falling off the end of an extension hangs the channel up, as autofallthrough does.
                pbx.Hangups.FromDialplan(ch, HangupCauses.NormalClearing);
                return;
            }
            var data = pbx.Variables.Substitute(ch, step.Data);
            var app = DialplanParser.KnownApps.First(a => a.Equals(step.App, StringComparison.OrdinalIgnoreCase));
            pbx.ChannelEvents.DialplanApp(ch, app, data);
            if (!Execute(ch, app, data)) return;
            ch.Priority++;
        }
    }

    /// <summary>Runs one app; false when the channel is now waiting, in Stasis, or gone.</summary>
    bool Execute(SimChannel ch, string app, string data)
    {
        var args = data.Length == 0 ? [] : data.Split(',');
        switch (app)
        {
            case "NoOp":
            case "Progress":
                return true;
            case "Answer":
                if (ch.State == "Up") return true;
                pbx.Answer(ch);
                WaitThenNext(ch, AnswerMediaWait);
                return false;
            case "Stasis":
                return !pbx.Stasis.Enter(ch, args[0].Trim(), args.Skip(1).ToList());
            case "Hangup":
                pbx.Hangups.FromDialplan(ch, args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var c) ? c : HangupCauses.NormalClearing);
                return false;
            case "Busy":
                pbx.Locals.Refused(ch, "BUSY", HangupCauses.UserBusy);
                return false;
            case "Congestion":
                pbx.Locals.Refused(ch, "CONGESTION", HangupCauses.Congestion);
                return false;
            case "Ringing":
                pbx.Locals.Ringing(ch);
                return true;
            case "Wait":
                WaitThenNext(ch, TimeSpan.FromSeconds(args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out var s) ? s : 0));
                return false;
            case "Set":
            {
                var eq = data.IndexOf('=');
                if (eq > 0) pbx.Variables.Write(ch, data[..eq], data[(eq + 1)..]);
                return true;
            }
            case "Goto":
                Goto(ch, args);
                ch.Priority--; // the loop's increment lands on the target
                return true;
            case "Dial":
                pbx.Dialer.Dial(ch, args);
                return false;
            default:
                return true;
        }
    }

    void WaitThenNext(SimChannel ch, TimeSpan delay) =>
        ch.Pending = pbx.Clock.After(delay, () => pbx.Run(() =>
        {
            if (!ch.Gone && !ch.HangingUp && ch.StasisApp is null) Next(ch);
        }));

    static void Goto(SimChannel ch, string[] args)
    {
        var a = args.Select(x => x.Trim()).ToArray();
        switch (a.Length)
        {
            case 1: ch.Priority = ParsePriority(a[0]); break;
            case 2: ch.Exten = a[0]; ch.Priority = ParsePriority(a[1]); break;
            case >= 3: ch.Context = a[0]; ch.Exten = a[1]; ch.Priority = ParsePriority(a[2]); break;
        }
    }

    static int ParsePriority(string p) => int.TryParse(p, CultureInfo.InvariantCulture, out var n) ? n : 1;
}

using Ivr.Simulator.Channels;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Seats;

/// <summary>PJSIP channels to virtual seats: ring, then answer, refuse busy, or never answer.</summary>
internal sealed class SeatChannels(Pbx pbx)
{
    public Dictionary<string, VirtualSeat> Seats { get; } = new(StringComparer.Ordinal);

    /// <summary>Creates the seat's channel (Down), or null when no such endpoint is registered.</summary>
    public SimChannel? Create(string resource, string? id, string callerName, string callerNumber)
    {
        if (!Seats.TryGetValue(resource, out var seat)) return null;
        var ch = new SimChannel(id ?? pbx.NewUniqueId(), $"PJSIP/{resource}-{pbx.NewLocalSuffix()}", pbx.Clock.Now)
        {
            IsOutgoingLeg = true,
            CallerName = callerName,
            CallerNumber = callerNumber,
            ConnectedName = callerName,
            ConnectedNumber = callerNumber,
            Context = "default",
            Exten = "s",
            Seat = seat,
            IdleSending = Media.Sending.Silence,
        };
        (ch.AppName, ch.AppData) = ("AppDial2", "(Outgoing Line)");
        pbx.Channels[ch.Id] = ch;
        return ch;
    }

    /// <summary>The seat reacts to the call: busy at once, or ringing then answering after its delay.</summary>
    public void Call(SimChannel ch, Action<string, int> refused, Action answered)
    {
        var seat = ch.Seat!;
        if (seat.Behavior.Busy)
        {
            refused("BUSY", HangupCauses.UserBusy);
            return;
        }
        pbx.ChannelEvents.SetState(ch, "Ringing");
        if (seat.Behavior.AnswerAfter is not { } after) return;
        ch.Pending = pbx.Clock.After(after, () => pbx.Run(() =>
        {
            if (ch.Gone || ch.HangingUp) return;
            pbx.ChannelEvents.SetState(ch, "Up");
            seat.Answered(ch);
            answered();
        }));
    }
}

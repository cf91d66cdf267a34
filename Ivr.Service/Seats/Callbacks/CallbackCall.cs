using Ivr.Service.Seats.Config;

namespace Ivr.Service.Seats.Callbacks;

/// <summary>Where a callback being placed is: the first leg rings, then (it answered, on hold) the second, then they talk.</summary>
enum CallbackPhase { FirstRinging, SecondRinging, Talking, Done }

/// <summary>One callback being placed by this instance: the seat leg, the taxpayer leg (first as the queue says) and their bridge.</summary>
sealed class CallbackCall(string id, string seat, string number, QueueSettings queue, int attempt)
{
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public string Id { get; } = id;
    public string BoardId => "callbacks/" + Id;
    public string Seat { get; } = seat;
    public string Number { get; } = number;
    public QueueSettings Queue { get; } = queue;
    public int Attempt { get; } = attempt;
    public CallbackPhase Phase { get; set; } = CallbackPhase.FirstRinging;
    public string SeatLeg { get; } = $"cbseat-{Guid.NewGuid():N}";
    public string TaxpayerLeg { get; } = $"cbtp-{Guid.NewGuid():N}";
    public string FirstLeg => Queue.CallbackOrder == CallbackOrder.SeatFirst ? SeatLeg : TaxpayerLeg;
    public string SecondLeg => Queue.CallbackOrder == CallbackOrder.SeatFirst ? TaxpayerLeg : SeatLeg;

    /// <summary>Whether the seat has answered (it is busy on the board).</summary>
    public bool SeatUp => Phase == CallbackPhase.Talking || (Phase == CallbackPhase.SecondRinging && FirstLeg == SeatLeg);
    public string Bridge => "cbcall-" + Id;
    public ITimer? RingTimer { get; set; }

    /// <summary>Legs that answered (entered Stasis): their dial rows end answered whoever hangs up.</summary>
    public HashSet<string> AnsweredLegs { get; } = [];
}

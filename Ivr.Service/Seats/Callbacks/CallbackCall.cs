using Ivr.Service.Seats.Config;

namespace Ivr.Service.Seats.Callbacks;

/// <summary>Where a callback being placed is: the seat rings, then (seat first) the taxpayer rings, then they talk.</summary>
enum CallbackPhase { SeatRinging, TaxpayerRinging, Talking, Done }

/// <summary>One callback being placed by this instance: the seat leg, the taxpayer leg and their bridge.</summary>
sealed class CallbackCall(string id, string seat, string number, QueueSettings queue, int attempt)
{
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public string Id { get; } = id;
    public string BoardId => "callbacks/" + Id;
    public string Seat { get; } = seat;
    public string Number { get; } = number;
    public QueueSettings Queue { get; } = queue;
    public int Attempt { get; } = attempt;
    public CallbackPhase Phase { get; set; } = CallbackPhase.SeatRinging;
    public string SeatLeg { get; } = $"cbseat-{Guid.NewGuid():N}";
    public string TaxpayerLeg { get; } = $"cbtp-{Guid.NewGuid():N}";
    public string Bridge => "cbcall-" + Id;
    public ITimer? RingTimer { get; set; }
}

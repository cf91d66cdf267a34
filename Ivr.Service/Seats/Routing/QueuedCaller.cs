using Ivr.Service.Seats.Config;
using Ivr.Service.Seats.Store;

namespace Ivr.Service.Seats.Routing;

/// <summary>Where a caller of this instance is in the seat part of the call.</summary>
enum CallerPhase { Waiting, Offered, Talking, Done }

/// <summary>Where a caller is in the callback offer: not offered (or declined), hearing the offer, keying another number.</summary>
enum OfferStage { None, Offered, Number }

/// <summary>
/// One caller of this instance in a queue: its bridges, the seat leg being offered or talking, and its timers.
/// Everything that changes it runs under <see cref="Gate"/>, so ARI events, timers and offers never interleave.
/// </summary>
sealed class QueuedCaller(QueueRequest request, QueueSettings queue, Func<bool, Task> finished, string instance)
{
    /// <summary>The caller's id on the shared board: channel ids are unique per Asterisk only, and instances may each have one.</summary>
    public string BoardId { get; } = instance + "/" + request.ChannelId;

    public SemaphoreSlim Gate { get; } = new(1, 1);
    public QueueRequest Request { get; } = request;
    public string ChannelId => Request.ChannelId;
    public QueueSettings Queue { get; set; } = queue;
    public Func<bool, Task> Finished { get; } = finished;
    public CallerPhase Phase { get; set; } = CallerPhase.Waiting;
    public string HoldBridge => "seathold-" + ChannelId;
    public string CallBridge => "seatcall-" + ChannelId;
    public bool Holding { get; set; }
    public bool Bridged { get; set; }
    public SeatOffer? Offer { get; set; }

    /// <summary>Seat legs ringing for this caller and their seats: one, or every free seat with ring-all.</summary>
    public Dictionary<string, string> Ringing { get; } = new(StringComparer.Ordinal);

    /// <summary>The seat leg that answered, and its seat.</summary>
    public string? SeatChannel { get; set; }
    public string? Seat { get; set; }
    public string? Announcing { get; set; }
    public int Announcements { get; set; }
    public ITimer? AnnounceTimer { get; set; }
    public ITimer? MaxWaitTimer { get; set; }
    public ITimer? RingTimer { get; set; }

    /// <summary>False for a caller of a closed queue who is only being offered a callback.</summary>
    public bool InLine { get; set; } = true;

    public OfferStage Stage { get; set; }
    public System.Text.StringBuilder Digits { get; } = new();
    public ITimer? KeyTimer { get; set; }

    /// <summary>The last prompt after a callback was taken; the caller is hung up when it ends.</summary>
    public string? Farewell { get; set; }

    public void StopTimers()
    {
        AnnounceTimer?.Dispose();
        MaxWaitTimer?.Dispose();
        RingTimer?.Dispose();
        KeyTimer?.Dispose();
        AnnounceTimer = MaxWaitTimer = RingTimer = KeyTimer = null;
    }
}

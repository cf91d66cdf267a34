namespace Ivr.Service.Campaigns;

/// <summary>Timings of the dispatcher (Campaigns:Dispatch); the defaults suit real providers.</summary>
public sealed record DispatchOptions
{
    /// <summary>How long an unfinished send must be old before asking the provider about it: a request still in flight must land first.</summary>
    public TimeSpan ReconcileAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a send nobody can resolve waits for a receipt before the target is failed (it is never resent).</summary>
    public TimeSpan GiveUpUnknownAfter { get; init; } = TimeSpan.FromHours(72);

    /// <summary>How often a chunk with unresolved sends comes back to reconcile them.</summary>
    public TimeSpan RecheckUnknownEvery { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>When a chunk is locked by another worker, look again this much later (in case that worker dies).</summary>
    public TimeSpan RecheckBusyChunkAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The provider template of the SMS a taxpayer asks for by pressing 2 in a voice reminder (sms_then_voice campaigns
    /// use their own templateCode); the target's variables are its parameters, as in an SMS campaign.
    /// </summary>
    public string ReminderSmsTemplate { get; init; } = "filing-reminder";

    /// <summary>The outbound menu entry an sms_then_voice campaign calls into (its templateCode is the SMS template).</summary>
    public string ReminderFlow { get; init; } = "campaign:filing-reminder";

    /// <summary>Targets per chunk job when the campaign does not say.</summary>
    public int DefaultChunkSize { get; init; } = 500;
}

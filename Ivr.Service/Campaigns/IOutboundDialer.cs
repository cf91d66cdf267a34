namespace Ivr.Service.Campaigns;

/// <summary>
/// Places one outbound call into an outbound menu flow and reports how it ended. The ARI implementation belongs to
/// the calls work; campaigns and the seats' queued callbacks only use this contract. Like SMS, the call id is ours
/// and recorded before dialling, so a crash leaves an attempt to reconcile rather than a second call.
/// </summary>
public interface IOutboundDialer
{
    /// <summary>Dials <paramref name="request"/> and completes when the call has ended (or never started).</summary>
    Task<DialResult> DialAsync(DialRequest request, CancellationToken ct);

    /// <summary>What became of a call whose result was never recorded (the dialer keeps channel ids by call id).</summary>
    Task<DialResult?> LookupAsync(string callId, CancellationToken ct);
}

/// <summary>A call to make: <paramref name="CallId"/> is the attempt's id; <paramref name="Variables"/> feed the menu (deadline, tax).</summary>
public sealed record DialRequest(string CallId, string Phone, string MenuFlow, IReadOnlyDictionary<string, string> Variables, TimeSpan RingTimeout);

/// <summary>How a dialled leg ended; <see cref="Answered"/> is a callback leg (it runs no menu, so nothing was listened to or confirmed).</summary>
public enum DialOutcome { AnsweredAndListened, Confirmed, Busy, NoAnswer, Rejected, Failed, TrunkFull, Answered }

/// <summary>How a call ended; <paramref name="AriCause"/> is the Q.850 hangup cause when there is one. Keys the taxpayer pressed drive follow-ups (2 = SMS).</summary>
public sealed record DialResult(DialOutcome Outcome, int? AriCause = null, string? KeysPressed = null);

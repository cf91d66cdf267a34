using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>One thing the replay does, at its time on the trace's clock.</summary>
public abstract record PlanStep(DateTimeOffset At);

/// <summary>Send one REST call of the trace.</summary>
public sealed record RestStep(RestExchange Exchange, RequestNote How) : PlanStep(Exchange.Sent);

/// <summary>A run of identical requests polling a changing state (Asterisk stopping or starting): repeated until the trace's last outcome.</summary>
public sealed record PollStep(IReadOnlyList<RestExchange> Polls) : PlanStep(Polls[0].Sent);

/// <summary>A step marker with its action; Target is the socket label the action applies to, resolved from the trace.</summary>
public sealed record NoteStep(StepNote Note, NoteAction Action, string? Target) : PlanStep(Note.At);

/// <summary>
/// Open an inbound event socket. Labels are the trace's attempts in order: every one but the last failed
/// when there are several (a retry loop while Asterisk starts), and the replay retries likewise.
/// </summary>
public sealed record ConnectStep(DateTimeOffset Time, string Family, string Url, IReadOnlyList<string> Labels, IReadOnlyList<string> Outcomes, TimeSpan RetryEvery)
    : PlanStep(Time);

/// <summary>The test server sends a message (or raw text) on an outbound socket, as the trace's `sent` line.</summary>
public sealed record OutboundSendStep(SocketHappening Sent) : PlanStep(Sent.At);

using System.Text.RegularExpressions;
using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>
/// The explicit table from step-marker text to replay action (docs/conformance.md lists it). A note that
/// matches no row fails the scenario with its file and line: a new trace with a new kind of step needs a row
/// here, not a guess.
/// </summary>
public static class NoteActions
{
    static readonly (Regex Pattern, Func<Match, NoteAction> Action)[] Table =
    [
        (Rx(@"^terminate (?<s>\S+#\d+) \(TCP close, no close frame\)"), m => new(NoteActionKind.AbortSocket, m.Groups["s"].Value)),
        (Rx(@"^close (?<s>\S+#\d+) cleanly"), m => new(NoteActionKind.CloseSocket, m.Groups["s"].Value)),
        (Rx(@"^close the inbound (?<app>\S+) socket"), m => new(NoteActionKind.CloseAppSocket, m.Groups["app"].Value)),
        (Rx(@"^run stop\.sh|^stop\.sh with "), _ => new(NoteActionKind.BeginStop)),
        (Rx(@"^run start\.sh"), _ => new(NoteActionKind.BeginStart)),
        (Rx(@"^(stop|start)\.sh exited|^stop\.sh: asterisk pid \d+ stopped"), _ => new(NoteActionKind.AwaitLifecycle)),
        (Rx(@"^ws server listening on .*restarting Asterisk so it reads the outbound_websocket config"), _ => new(NoteActionKind.StartWithOutboundConfig)),
        (Rx(@"^server closes the persistent socket \(close frame (?<code>\d+)\)"), m => new(NoteActionKind.ServerClosePersistent, m.Groups["code"].Value)),
        (Rx(@"^server terminates the socket \(no close frame\) and stops listening for (?<s>\d+) s"), m => new(NoteActionKind.ServerTerminatePersistent, m.Groups["s"].Value)),
        // Notes that describe the REST calls that follow, or report an observation the trace files already hold.
        (Rx(@"^(POST|DELETE|GET) |^create |^call into |^play on |^continue |^ivr leg alone |^bridge playback |^stop bridge MOH|^start bridge MOH|^channel playback |^seat hangs up |^survey prompt |^create \+ |^while no ivr socket |^reconnect app |^after reconnect|^open a second socket |^DTMF |^two DTMF POSTs |^a new call |^burst |^back-to-back result|^short-duration result|^REST calls on |^TALK_DETECT|^caller plays |^now play |^hang up |^\S+#\d+: closed |^ws connect while stopped|^first 200 |^\S+ websocket reconnected|^persistent outbound connection |^CLI |^per-call |^reconnected |^open an INBOUND websocket |^REST over |^persistent socket after stop"),
            _ => new(NoteActionKind.Describes)),
    ];

    public static NoteAction Resolve(StepNote note, string file) =>
        Table.Select(row => (row, m: row.Pattern.Match(note.Text))).FirstOrDefault(x => x.m.Success) is { row.Action: { } action, m: { } match }
            ? action(match)
            : throw new UnknownNoteException($"{file}:{note.Line}: step marker \"{First(note.Text)}\" matches no row of the note→action table "
                + "(Ivr.Tests/Conformance/Replay/NoteActions.cs): add a row saying what the replay must do for it");

    /// <summary>Request-level notes (`note` on a REST line): how to send it.</summary>
    public static RequestNote ResolveRequest(RestExchange exchange, string file) => exchange.Note switch
    {
        null => RequestNote.Plain,
        "no Authorization header" => RequestNote.WithoutAuthorization,
        { } n when n.StartsWith("poll during ", StringComparison.Ordinal) => RequestNote.Poll,
        "while stopped" => RequestNote.Plain,
        { } n => throw new UnknownNoteException($"{file}:{exchange.Line}: request note \"{First(n)}\" matches no row of the request-note table (NoteActions.ResolveRequest)"),
    };

    static string First(string text) => text.Split('\n')[0];

    static Regex Rx(string pattern) => new(pattern, RegexOptions.CultureInvariant);
}

/// <summary>How a REST line of the trace is to be sent.</summary>
public enum RequestNote { Plain, WithoutAuthorization, Poll }

/// <summary>A step marker the note→action table does not know.</summary>
public sealed class UnknownNoteException(string message) : Exception(message);

using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Replay;

public sealed class NoteActionsTests
{
    static NoteAction Resolve(string text) => NoteActions.Resolve(new StepNote(7, DateTimeOffset.UnixEpoch, text), "x.rest.jsonl");

    [Theory]
    [InlineData("terminate ivr#1 (TCP close, no close frame) while pb-long (30 s) plays", NoteActionKind.AbortSocket, "ivr#1")]
    [InlineData("close ivr#2 cleanly (close frame 1000) while ivr#3 serves app ivr", NoteActionKind.CloseSocket, "ivr#2")]
    [InlineData("close the inbound ivr-ows socket; DTMF 9; then a new call into ivr-ows", NoteActionKind.CloseAppSocket, "ivr-ows")]
    [InlineData("run stop.sh (core stop now) with both sockets open and the call up", NoteActionKind.BeginStop, null)]
    [InlineData("stop.sh exited 0 after 2667 ms: asterisk pid 11468 stopped", NoteActionKind.AwaitLifecycle, null)]
    [InlineData("server closes the persistent socket (close frame 1001); the channel stays in Stasis(ivr-ows)", NoteActionKind.ServerClosePersistent, "1001")]
    [InlineData("server terminates the socket (no close frame) and stops listening for 4 s; calls meanwhile", NoteActionKind.ServerTerminatePersistent, "4")]
    [InlineData("DTMF 3 from caller: which ivr socket gets it?", NoteActionKind.Describes, null)]
    public void A_note_maps_to_its_action(string text, NoteActionKind kind, string? argument) =>
        Assert.Equal(new NoteAction(kind, argument), Resolve(text));

    [Fact]
    public void An_unknown_note_names_file_line_and_the_table_to_extend()
    {
        var e = Assert.Throws<UnknownNoteException>(() => Resolve("unplug the network cable"));

        Assert.StartsWith("x.rest.jsonl:7: step marker \"unplug the network cable\" matches no row of the note→action table", e.Message);
    }

    [Fact]
    public void Every_note_of_every_trace_has_a_row()
    {
        foreach (var name in TraceLoader.Discover(TraceDirectory.Path))
        {
            var trace = TraceLoader.Load(TraceDirectory.Path, name);
            foreach (var note in trace.Notes) NoteActions.Resolve(note, trace.RestFile);
            foreach (var exchange in trace.Rest) NoteActions.ResolveRequest(exchange, trace.RestFile);
        }
    }
}

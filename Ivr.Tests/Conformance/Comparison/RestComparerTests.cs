using System.Text.Json.Nodes;
using Ivr.Tests.Conformance.Traces;

namespace Ivr.Tests.Conformance.Comparison;

public sealed class RestComparerTests
{
    static readonly TraceScenario Basics = TraceLoader.Load(TraceDirectory.Path, "basics");

    static RestResult Echo(RestExchange e) => new(e.Status, e.ContentType, e.Body?.DeepClone(), null, e.ErrorCode);

    [Fact]
    public void Every_recorded_exchange_matches_itself()
    {
        foreach (var name in TraceLoader.Discover(TraceDirectory.Path))
            foreach (var exchange in TraceLoader.Load(TraceDirectory.Path, name).Rest.Where(r => !(r.Body is JsonObject b && b.ContainsKey("_binary"))))
                Assert.Empty(RestComparer.Compare(name, exchange, Echo(exchange)));
    }

    [Fact]
    public void Another_status_is_reported_with_line_request_and_both_outcomes()
    {
        var missing = Basics.Rest.Single(r => r.Path == "/ari/channels/does-not-exist");

        var mismatch = Assert.Single(RestComparer.Compare("basics", missing, new RestResult(200, "application/json", new JsonObject(), null, null)));

        Assert.Equal("basics: REST line 9 GET /ari/channels/does-not-exist: expected 404 application/json, got 200 application/json with body {}", mismatch.ToString());
    }

    [Fact]
    public void Missing_body_fields_and_other_behaviour_values_are_named()
    {
        var ping = Basics.Rest.Single(r => r.Path == "/ari/asterisk/ping");
        var body = (JsonObject)ping.Body!.DeepClone();
        body.Remove("asterisk_id");
        var info = Basics.Rest.First(r => r.Path == "/ari/channels/does-not-exist");

        Assert.Equal(["body fields missing: asterisk_id"], RestComparer.Compare("basics", ping, new RestResult(200, "application/json", body, null, null)).Select(m => m.What));
        Assert.Equal(["body.message: expected \"Channel not found\", got \"Not found\""],
            RestComparer.Compare("basics", info, new RestResult(404, "application/json; charset=utf-8", new JsonObject { ["message"] = "Not found" }, null, null)).Select(m => m.What));
    }

    [Fact]
    public void A_new_recording_may_be_queued_or_already_recording_but_not_done()
    {
        var record = TraceLoader.Load(TraceDirectory.Path, "record").Rest
            .First(r => r.Method == "POST" && r.Path.Contains("/record?") && r.Status == 201);
        RestResult With(string state)
        {
            var body = (JsonObject)record.Body!.DeepClone();
            body["state"] = state;
            return new RestResult(201, record.ContentType, body, null, null);
        }

        Assert.Empty(RestComparer.Compare("record", record, With("queued")));
        Assert.Empty(RestComparer.Compare("record", record, With("recording")));
        Assert.Single(RestComparer.Compare("record", record, With("done")));
    }

    [Fact]
    public void A_list_of_another_length_fails()
    {
        var apps = Basics.Rest.Single(r => r.Path == "/ari/applications");

        var mismatch = Assert.Single(RestComparer.Compare("basics", apps, new RestResult(200, "application/json", new JsonArray(), null, null)));

        Assert.Equal("expected a list of 2, got 0: []", mismatch.What);
    }

    [Fact]
    public void A_stored_recording_file_must_be_a_wav()
    {
        var file = TraceLoader.Load(TraceDirectory.Path, "record").Rest.Single(r => r.Path.EndsWith("/file"));
        var wav = Convert.FromHexString("524946460000000057415645666d7420");

        Assert.Empty(RestComparer.Compare("record", file, new RestResult(200, "audio/wav", null, wav, null)));
        Assert.Single(RestComparer.Compare("record", file, new RestResult(200, "audio/wav", null, new byte[16], null)));
    }

    [Fact]
    public void A_refused_connection_is_an_outcome_of_its_own()
    {
        var refused = TraceLoader.Load(TraceDirectory.Path, "asterisk-restart").Rest.First(r => r.Failed);

        Assert.Empty(RestComparer.Compare("asterisk-restart", refused, new RestResult(null, null, null, null, "ECONNREFUSED")));
        Assert.Equal("expected ECONNREFUSED, got 200 application/json with body {}",
            Assert.Single(RestComparer.Compare("asterisk-restart", refused, new RestResult(200, "application/json", new JsonObject(), null, null))).What);
    }
}

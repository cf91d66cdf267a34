namespace Ivr.Tests.Conformance.Mapping;

public sealed class RequestPathTests
{
    static string? Known(string id) => id switch
    {
        "1795365481.1" => "1700000000.9",
        "6bf93a3b-3e1d-4696-819b-d7f9ff63a12b" => "b-sim",
        _ => null,
    };

    [Theory]
    [InlineData("/ari/channels/1795365481.1/play?media=sound%3Ahello-world", "/ari/channels/1700000000.9/play?media=sound%3Ahello-world")]
    [InlineData("/ari/bridges/6bf93a3b-3e1d-4696-819b-d7f9ff63a12b/addChannel?channel=1795365481.1", "/ari/bridges/b-sim/addChannel?channel=1700000000.9")]
    [InlineData("/ari/channels/dc-seat-1/dial?caller=1795365481.1&timeout=10", "/ari/channels/dc-seat-1/dial?caller=1700000000.9&timeout=10")]
    [InlineData("/ari/applications/ivr/subscription?eventSource=bridge%3A6bf93a3b-3e1d-4696-819b-d7f9ff63a12b", "/ari/applications/ivr/subscription?eventSource=bridge%3Ab-sim")]
    [InlineData("/ari/channels/1795365481.1/variable?variable=TALK_DETECT(set)&value=1000%2C128", "/ari/channels/1700000000.9/variable?variable=TALK_DETECT(set)&value=1000%2C128")]
    [InlineData("/ari/channels/does-not-exist/play?media=sound:hello-world", "/ari/channels/does-not-exist/play?media=sound:hello-world")]
    public void Trace_ids_in_path_and_query_become_the_simulators(string trace, string expected)
    {
        var (path, unmapped) = RequestPath.Rewrite(trace, Known);

        Assert.Equal(expected, path);
        Assert.Empty(unmapped);
    }

    [Fact]
    public void A_generated_id_without_counterpart_is_reported_not_guessed()
    {
        var (_, unmapped) = RequestPath.Rewrite("/ari/channels/1795365490.7/record?name=test1", Known);

        Assert.Equal(["1795365490.7"], unmapped);
    }
}

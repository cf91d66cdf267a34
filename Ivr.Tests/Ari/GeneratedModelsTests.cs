using Ivr.Ari.Json;
using Ivr.Ari.Models;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Ari;

public sealed class GeneratedModelsTests
{
    [Fact]
    public void Checked_in_models_match_what_the_generator_makes_from_the_api_description()
    {
        var root = Servers.RepoRoot();
        foreach (var (name, text) in AriGen.Generator.RenderAll(Path.Combine(root, "tools", "AriGen", "api")))
            Assert.True(text == File.ReadAllText(Path.Combine(root, "Ivr.Ari", "Generated", name)),
                $"Ivr.Ari/Generated/{name} is stale: run `dotnet run --project tools/AriGen`");
    }

    [Fact]
    public void The_checked_in_api_description_is_the_shared_one()
    {
        var shared = Servers.ApiDir();
        foreach (var f in Directory.GetFiles(shared, "*.json"))
            Assert.Equal(File.ReadAllText(f), File.ReadAllText(Path.Combine(Servers.RepoRoot(), "tools", "AriGen", "api", Path.GetFileName(f))));
    }

    [Fact]
    public void The_checked_in_traces_are_the_shared_ones_so_a_machine_without_shared_tests_the_same()
    {
        if (Servers.SharedDir() is not { } shared) return; // only the repository's copy exists here: nothing to compare with
        var live = Directory.GetFiles(Path.Combine(shared, "ari-traces")).Select(Path.GetFileName).Order().ToList();
        var copy = Directory.GetFiles(Servers.CheckedInTracesDir()).Select(Path.GetFileName).Order().ToList();
        Assert.True(live.SequenceEqual(copy), "Ivr.Tests/Reference/ari-traces differs from ../shared/ari-traces: run scripts/sync-traces.sh");
        foreach (var f in live)
            Assert.True(File.ReadAllBytes(Path.Combine(shared, "ari-traces", f!)).SequenceEqual(File.ReadAllBytes(Path.Combine(Servers.CheckedInTracesDir(), f!))),
                $"Ivr.Tests/Reference/ari-traces/{f} differs from ../shared: run scripts/sync-traces.sh");
    }

    [Fact]
    public void Every_event_in_every_trace_parses_to_its_typed_model()
    {
        var count = 0;
        foreach (var file in Directory.GetFiles(Servers.TracesDir(), "*.jsonl")
                     .Where(f => !f.EndsWith(".rest.jsonl") && !f.EndsWith(".sockets.jsonl")))
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                var message = AriMessageParser.Parse(System.Text.Encoding.UTF8.GetBytes(line));
                Assert.IsNotType<UnknownMessage>(message);
                count++;
            }
        Assert.True(count > 500);
    }

    [Fact]
    public void A_dtmf_event_carries_digit_duration_channel_and_timestamp()
    {
        var json = """{"type":"ChannelDtmfReceived","timestamp":"2026-11-22T16:38:03.123+0000","digit":"#","duration_ms":100,"channel":{"id":"1.2","name":"Local/x","state":"Up","protocol_id":"","caller":{"name":"","number":"5551234"},"connected":{"name":"","number":""},"accountcode":"","dialplan":{"context":"c","exten":"e","priority":1,"app_name":"Stasis","app_data":"ivr"},"creationtime":"2026-11-22T16:38:01.815+0000","language":"en"},"asterisk_id":"02:fc","application":"ivr"}"""u8;
        var e = Assert.IsType<ChannelDtmfReceived>(AriMessageParser.Parse(json));
        Assert.Equal("#", e.Digit);
        Assert.Equal(100, e.DurationMs);
        Assert.Equal("1.2", e.Channel.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 16, 38, 3, 123, TimeSpan.Zero), e.Timestamp);
        using var written = System.Text.Json.JsonDocument.Parse(AriMessageParser.Serialize(e));
        Assert.Equal("2026-11-22T16:38:03.123+0000", written.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal("ChannelDtmfReceived", written.RootElement.GetProperty("type").GetString());
    }
}

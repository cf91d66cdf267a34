using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Ivr.Simulator;

namespace Ivr.Tests.Simulator;

/// <summary>A restarted Asterisk's boot as the asterisk-restart trace shows it, at real speed so that its 0.2 s phase can be seen.</summary>
public sealed class BootTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { Speed = 1 };

    [Fact]
    public async Task A_starting_asterisk_refuses_then_answers_503_not_booted_then_serves_rest_and_event_sockets()
    {
        await Sim.StopAsteriskAsync();
        var starting = Sim.StartAsteriskAsync();
        var rest = WatchAsync(async () => ((int)(await Ari.Http.GetAsync("asterisk/ping")).StatusCode).ToString(CultureInfo.InvariantCulture), "200");
        var socket = WatchAsync(async () =>
        {
            await using var events = await Ari.EventsAsync("ivr");
            return "open";
        }, "open");
        await starting;
        Assert.Equal("refused → 503 → 200", await rest);
        Assert.Equal("refused → 503 → open", await socket);
    }

    /// <summary>Tries every 10 ms until <paramref name="final"/>, and returns the distinct outcomes in order.</summary>
    static async Task<string> WatchAsync(Func<Task<string>> attempt, string final)
    {
        var seen = new List<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            var outcome = await OutcomeAsync(attempt);
            if (seen.Count == 0 || seen[^1] != outcome) seen.Add(outcome);
            if (outcome == final) break;
            await Task.Delay(10);
        }
        return string.Join(" → ", seen);
    }

    static async Task<string> OutcomeAsync(Func<Task<string>> attempt)
    {
        try
        {
            return await attempt();
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return "refused";
        }
        catch (WebSocketException e) when (e.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
        {
            return "refused";
        }
        catch (WebSocketException e) when (e.Message.Contains("'503'", StringComparison.Ordinal))
        {
            return "503";
        }
    }
}

using System.Text.Json;
using Ivr.Simulator;
using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Simulator;

/// <summary>Originate outcomes as in the originate-failures and dial-create traces, and Dial() to virtual seats.</summary>
public sealed class OriginateTests : SimulatorTest
{
    static int Cause(JsonElement e) => e.GetProperty("cause").GetInt32();

    [Fact]
    public async Task A_busy_extension_reports_dial_busy_and_destroys_the_legs_with_17_and_0()
    {
        var events = await Ari.EventsAsync("caller");
        Assert.Equal(200, (await Ari.PostAsync("channels?endpoint=Local%2Fbusy%40seats&app=caller&channelId=b1&otherChannelId=b2")).Status);
        var dial = await events.NextAsync(e => EventStream.Type(e) == "Dial" && e.GetProperty("dialstatus").GetString() == "BUSY");
        Assert.Equal("b1", EventStream.ChannelId(dial));
        Assert.Equal(0, Cause(await events.NextAsync("ChannelDestroyed", "b1")));
        Assert.Equal(17, Cause(await events.NextAsync("ChannelDestroyed", "b2")));
    }

    [Fact]
    public async Task A_missing_extension_destroys_both_legs_with_cause_0_and_no_dial()
    {
        var events = await Ari.EventsAsync("caller");
        await Ari.PostAsync("channels?endpoint=Local%2Fnosuchexten%40seats&app=caller&channelId=m1&otherChannelId=m2");
        var seen = new List<JsonElement>();
        await events.NextAsync(e => EventStream.Type(e) == "ChannelDestroyed" && EventStream.ChannelId(e) == "m1", skipped: seen);
        Assert.DoesNotContain(seen, e => EventStream.Type(e) == "Dial");
        Assert.Contains(seen, e => EventStream.Type(e) == "ChannelDestroyed" && EventStream.ChannelId(e) == "m2" && Cause(e) == 0);
    }

    [Fact]
    public async Task An_unanswered_originate_times_out_with_cause_19_and_no_final_dial()
    {
        var events = await Ari.EventsAsync("caller");
        await Ari.PostAsync("channels?endpoint=Local%2Fring%40seats&app=caller&channelId=r1&otherChannelId=r2&timeout=3");
        await events.NextAsync(e => EventStream.Type(e) == "Dial" && e.GetProperty("dialstatus").GetString() == "RINGING");
        var seen = new List<JsonElement>();
        Assert.Equal(19, Cause(await events.NextAsync(e => EventStream.Type(e) == "ChannelDestroyed" && EventStream.ChannelId(e) == "r1", skipped: seen)));
        Assert.DoesNotContain(seen, e => EventStream.Type(e) == "Dial");
    }

    [Theory]
    [InlineData("Bogus%2Ffoo", 500, "error", "Allocation failed")]
    [InlineData("nosuchendpoint", 400, "message", "Invalid endpoint specified")]
    public async Task Bad_endpoints_are_refused_as_asterisk_refuses_them(string endpoint, int status, string key, string text)
    {
        var (got, body) = await Ari.PostAsync($"channels?endpoint={endpoint}&app=caller");
        Assert.Equal((status, text), (got, body.GetProperty(key).GetString()));
    }

    [Fact]
    public async Task A_created_channel_is_in_the_app_before_dialling_and_cannot_be_dialled_twice()
    {
        var events = await Ari.EventsAsync("ivr");
        var (_, created) = await Ari.PostAsync("channels/create?endpoint=Local%2Fseat%40seats&app=ivr&appArgs=dialed&channelId=dc-1&otherChannelId=dc-2");
        Assert.Equal("Down", created.GetProperty("state").GetString());
        var start = await events.NextAsync("StasisStart", "dc-1");
        Assert.Equal("dialed", start.GetProperty("args")[0].GetString());
        Assert.Equal(204, (await Ari.PostAsync("channels/dc-1/dial?timeout=10")).Status);
        await events.NextAsync(e => EventStream.Type(e) == "Dial" && e.GetProperty("dialstatus").GetString() == "ANSWER");
        var (status, body) = await Ari.PostAsync("channels/dc-1/dial");
        Assert.Equal((409, "Channel is not in the 'Down' state"), (status, body.GetProperty("message").GetString()));
        Assert.Equal("seat", (await events.NextAsync("StasisStart", "dc-2")).GetProperty("args")[0].GetString());
    }
}

/// <summary>The deployment dialplan (asterisk-config/extensions.conf) dials seats as PJSIP endpoints; virtual seats answer them.</summary>
public sealed class SeatDialTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { Speed = 10, DialplanPath = Path.Combine(Servers.RepoRoot(), "asterisk-config", "extensions.conf") };

    [Fact]
    public async Task A_seat_dialled_through_the_seats_context_answers_into_the_app_and_its_hangup_ends_the_leg()
    {
        var seat = Sim.AddSeat("2001");
        var events = await Ari.EventsAsync("ivr");
        await Ari.PostAsync("channels?endpoint=Local%2F2001%40seats&app=ivr&appArgs=seat&channelId=s1&otherChannelId=s2");
        var start = await events.NextAsync("StasisStart", "s1");
        Assert.Equal("Up", start.GetProperty("channel").GetProperty("state").GetString());
        await seat.WaitForAnswerAsync();
        await seat.HangUpAsync();
        await events.NextAsync("StasisEnd", "s1");
        Assert.Equal(404, (await Ari.GetAsync("channels/s1")).Status);
    }

    [Fact]
    public async Task A_busy_seat_makes_dial_go_on_and_the_local_leg_hang_up()
    {
        Sim.AddSeat("2002", new Ivr.Simulator.Seats.SeatBehavior { Busy = true });
        var events = await Ari.EventsAsync("ivr");
        await Ari.PostAsync("channels?endpoint=Local%2F2002%40seats&app=ivr&channelId=busy1&otherChannelId=busy2");
        await events.NextAsync("ChannelDestroyed", "busy1");
    }

    [Fact]
    public async Task A_dialplan_with_mistakes_is_refused_with_file_and_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, "[ivr-entry]\nexten => 12366,1,Answer()\n same => n,Playbak(hello)\nexten => 1,x,NoOp()\n");
        try
        {
            var e = await Assert.ThrowsAsync<Ivr.Simulator.Dialplan.DialplanException>(() => AsteriskSimulator.StartAsync(new SimulatorOptions { DialplanPath = file }));
            Assert.Contains($"{file}:3: application 'Playbak' is not simulated", e.Message);
            Assert.Contains($"{file}:4: priority 'x' is not a number or 'n'", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

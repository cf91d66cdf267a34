using Ivr.Service.Calls.Outbound;

namespace Ivr.Tests.Calls.Outbound;

/// <summary>The appArgs an outbound call carries into Stasis: entry, call id, number, then the menu's variables.</summary>
public sealed class OutboundCallArgsTests
{
    [Fact]
    public void Reminder_variables_travel_in_the_app_args_and_come_back_as_the_menus_variables()
    {
        var args = new OutboundCallArgs("campaign:filing-reminder", "c12a1", "13900008000")
        {
            Variables = new Dictionary<string, string> { ["deadline"] = "2026-12-15", ["tax"] = "social-insurance" },
        };

        var back = OutboundCallArgs.From(args.ToAppArgs().Split(','));

        Assert.Equal("campaign:filing-reminder,c12a1,13900008000,deadline=2026-12-15,tax=social-insurance", args.ToAppArgs());
        Assert.Equal(("campaign:filing-reminder", "c12a1", "13900008000"), (back!.Entry, back.CallId, back.Phone));
        Assert.Equal(args.Variables, back.Variables);
    }

    [Theory]
    [InlineData("")]
    [InlineData("callback-seat,42")]
    [InlineData("12366,x,y")]
    public void Channels_entering_without_a_campaign_entry_are_not_outbound_calls(string appArgs)
    {
        Assert.Null(OutboundCallArgs.From(appArgs.Length == 0 ? [] : appArgs.Split(',')));
    }

    [Theory]
    [InlineData("Deadline", "2026-12-15", "is not lower-case letters")]
    [InlineData("deadline", "15 Dec, 2026", "without ,")]
    [InlineData("note", "a value far too long to be a deadline or a tax code at all", "at most 40 characters")]
    public void Variables_that_cannot_travel_in_app_args_are_named_with_the_reason(string name, string value, string reason)
    {
        Assert.Contains(reason, OutboundCallArgs.Problem(name, value));
    }

    [Fact]
    public void Malformed_variables_from_the_channel_are_left_out()
    {
        var back = OutboundCallArgs.From(["campaign:filing-reminder", "c1a1", "13900008000", "tax=vat", "no-equals-sign", "=x", "Bad=1"]);

        Assert.Equal(new Dictionary<string, string> { ["tax"] = "vat" }, back!.Variables);
    }
}

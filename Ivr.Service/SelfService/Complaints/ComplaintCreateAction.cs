using Ivr.Service.Calendar;
using Ivr.Service.Calls.Menu;

namespace Ivr.Service.SelfService.Complaints;

/// <summary>
/// complaint.create: the recording of a complaint (about the service) or report (of a tax violation) becomes a ticket
/// due 2 working days later; the ticket number and the answer-by date go back to the menu, whose <c>complaint-sms</c>
/// node sends them (the action sends no SMS: one place does). Run again for the same recording (a call resumed
/// elsewhere), it answers the same ticket, so that node's SMS is the same message and goes out once.
/// </summary>
public sealed class ComplaintCreateAction(ComplaintTickets tickets, WorkingDayCalendar calendar, TimeProvider time) : IMenuAction
{
    /// <summary>The seed document's answer time for complaints.</summary>
    public const int WorkingDaysToAnswer = 2;

    static readonly HashSet<string> Kinds = ["complaint", "report"];

    public string Name => "complaint.create";

    public async Task<ActionResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        var kind = ActionArguments.Required(arguments, Name, "kind");
        if (!Kinds.Contains(kind)) throw new ArgumentException($"{Name}: argument 'kind' is '{kind}'; it must be complaint or report");
        var recording = ActionArguments.Required(arguments, Name, "recording");
        var callerText = ActionArguments.Optional(arguments, "caller") is { Length: > 0 } given ? given : call.CallerNumber;
        var caller = CallerNumber.Normalise(callerText);
        var at = time.GetUtcNow();
        var due = calendar.AddWorkingDays(ChinaTime.Today(time), WorkingDaysToAnswer);
        var ticket = await tickets.CreateAsync(new NewComplaint(kind, caller, recording, call.ChannelId, at, due), ct);
        return new ActionResult("created", new Dictionary<string, string> { ["ticket"] = ticket.Number, ["answer-by"] = ChinaTime.Spoken(ticket.DueOn) });
    }
}

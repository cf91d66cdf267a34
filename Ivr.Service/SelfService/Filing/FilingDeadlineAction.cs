using Ivr.Service.Calls.Menu;

namespace Ivr.Service.SelfService.Filing;

/// <summary>
/// filing.deadline: the deadline of the current filing period for a tax, as the date the menu speaks. A year with no
/// holiday calendar loaded fails (logged by the call) rather than guessing: a wrong deadline costs taxpayers late fees.
/// </summary>
public sealed class FilingDeadlineAction(TaxDeadlines deadlines, TimeProvider time) : IMenuAction
{
    public string Name => "filing.deadline";

    public Task<ActionResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        var tax = ActionArguments.Required(arguments, Name, "tax");
        var deadline = deadlines.Next(tax, ChinaTime.Today(time));
        return Task.FromResult(new ActionResult("ok", new Dictionary<string, string> { ["deadline"] = ChinaTime.Spoken(deadline) }));
    }
}

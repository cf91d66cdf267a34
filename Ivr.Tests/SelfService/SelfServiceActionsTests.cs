using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Tests.SelfService;

public sealed class SelfServiceActionsTests
{
    static readonly ActionCall Call = new("ch-1", "13800000000", "12366", "zh");
    static readonly Dictionary<string, string> NoArguments = [];

    sealed class Fixed(string name, string code) : IMenuAction
    {
        public string Name => name;
        public List<ActionCall> Calls { get; } = [];

        public Task<ActionResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
        {
            Calls.Add(call);
            return Task.FromResult(ActionResult.Of(code));
        }
    }

    static SelfServiceActions Actions(params IMenuAction[] backEnds) =>
        new(backEnds, new UnavailableActions(NullLogger<UnavailableActions>.Instance), NullLogger<SelfServiceActions>.Instance);

    [Fact]
    public async Task An_action_goes_to_its_back_end_with_the_call()
    {
        var deadline = new Fixed("filing.deadline", "ok");
        var result = await Actions(deadline).InvokeAsync("filing.deadline", NoArguments, Call, CancellationToken.None);
        Assert.Equal("ok", result.Code);
        Assert.Equal(Call, Assert.Single(deadline.Calls));
    }

    [Fact]
    public async Task An_action_without_back_end_answers_its_declared_error_code()
    {
        var result = await Actions().InvokeAsync("invoice.verify", NoArguments, Call, CancellationToken.None);
        Assert.Equal("error", result.Code);
    }

    [Fact]
    public async Task A_back_end_answering_an_undeclared_code_is_answered_error_so_the_menu_does_not_stall()
    {
        var result = await Actions(new Fixed("filing.deadline", "maybe")).InvokeAsync("filing.deadline", NoArguments, Call, CancellationToken.None);
        Assert.Equal("error", result.Code);
    }

    [Fact]
    public void Two_back_ends_for_one_action_or_one_for_an_undeclared_action_are_refused_at_start()
    {
        var twice = Assert.Throws<InvalidOperationException>(() => Actions(new Fixed("filing.deadline", "ok"), new Fixed("filing.deadline", "ok")));
        Assert.Contains("filing.deadline", twice.Message);
        var unknown = Assert.Throws<InvalidOperationException>(() => Actions(new Fixed("tax.refund", "ok")));
        Assert.Contains("tax.refund", unknown.Message);
    }
}

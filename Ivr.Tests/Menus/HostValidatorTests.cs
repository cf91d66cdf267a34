using Ivr.Menus.Engine;

namespace Ivr.Tests.Menus;

public class HostValidatorTests
{
    const string Yaml = "entries: {\"12366\": ask}\nnodes:\n  ask: {type: collect, prompt: enter-code, into: v, max: 3, validator: even, next: bye, on-fail: bye}\n  bye: {type: hangup}\n";

    static readonly Ivr.Menus.Model.MenuSet Set = Ivr.Menus.Loading.MenuLoader.Load([new("menu.yaml", Yaml)],
        TestHost.Catalog with { Validators = new HashSet<string> { "even" } }).Set!;

    [Fact]
    public void Engine_refuses_a_host_validator_it_was_not_given()
    {
        var e = Assert.Throws<ArgumentException>(() => new MenuEngine(Set));
        Assert.StartsWith("menu.yaml:3:72: node 'ask' uses validator 'even'", e.Message);
    }

    [Fact]
    public void Host_validator_decides_what_a_collect_accepts()
    {
        var engine = new MenuEngine(Set, new Dictionary<string, Func<string, DateOnly, Ivr.Menus.Input.DigitCheck>>
        {
            ["even"] = (d, _) => int.Parse(d) % 2 == 0 ? Ivr.Menus.Input.DigitCheck.Ok(d) : new Ivr.Menus.Input.DigitCheck.Invalid("odd"),
        });
        var state = engine.Start(new CallEvent.Started("1", "12366", null, EngineMenu.Today, new HashSet<string>())).State;
        foreach (var k in "123") state = engine.Handle(state, new CallEvent.Digit(k, TimeSpan.Zero)).State;
        Assert.Equal("ask", state.Node);
        Assert.Equal("invalid", state.Variables["v.error"]);
        foreach (var k in "124") state = engine.Handle(state, new CallEvent.Digit(k, TimeSpan.Zero)).State;
        Assert.Equal("bye", state.Node);
    }
}

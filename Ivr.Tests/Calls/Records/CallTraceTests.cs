using Ivr.Menus.Engine;
using Ivr.Service.Calls.Records;

namespace Ivr.Tests.Calls.Records;

/// <summary>What a call record holds, built from the real 12366 menus by the pure engine (no ARI, no database).</summary>
public sealed class CallTraceTests
{
    [Fact]
    public void Deadline_enquiry_is_recorded_as_self_served_with_its_path_keys_and_action_result()
    {
        var record = new TracedCall().Heard().Press("21").Answer("ok", ("deadline", "20261215")).HangUp();

        Assert.Equal(CallOutcomes.SelfServed, record.Outcome);
        Assert.Equal(["welcome", "main", "filing-menu", "filing-deadline", "deadline-say"], record.Path.Select(p => p.Node).Take(5));
        Assert.Equal("21", record.Keys);
        Assert.Equal([("filing.deadline", "ok")], record.Actions.Select(a => (a.Action, a.Result)));
        Assert.Equal(16, record.HangupCause);
        Assert.Equal("zh-CN", record.Language);
        Assert.NotNull(record.AnsweredAt);
        Assert.True(record.EndedAt > record.StartedAt);
    }

    [Fact]
    public void Taxpayer_id_digits_are_masked_but_menu_choices_and_the_confirmation_key_are_kept()
    {
        var record = new TracedCall().Heard().Press("22").Press("914403007152600052#").Press("1").Answer("filed", ("filed-on", "20261110")).HangUp();

        Assert.DoesNotContain("914403007152600052", record.Keys);
        Assert.Equal("22" + new string('*', 18) + "#" + "1", record.Keys);
        Assert.Equal(CallOutcomes.SelfServed, record.Outcome);
    }

    [Fact]
    public void Id_number_digits_and_its_x_keyed_as_star_are_masked()
    {
        var record = new TracedCall().Heard().Press("22").Press("11010519491231002*#").Press("1").Answer("not_filed").HangUp();

        Assert.DoesNotContain("1101051949", record.Keys);
        Assert.Equal("22" + new string('*', 18) + "#" + "1", record.Keys);
    }

    [Fact]
    public void Invoice_number_and_check_code_digits_are_masked_but_the_invoice_date_is_kept()
    {
        var record = new TracedCall().Heard().Press("11").Press("144031900111#").HangUp();

        Assert.Equal("11", string.Concat(record.Path.Where(p => p.Node is "main" or "invoice-kind").Select(p => p.Keys)));
        Assert.Contains(record.Path, p => p.Node == "invoice-code" && p.Keys == "************#");
    }

    [Fact]
    public void Keys_typed_ahead_during_a_prompt_into_a_taxpayer_id_are_masked_too()
    {
        var record = new TracedCall().Press("22914403007152600052#").Heard().HangUp();

        Assert.DoesNotContain("9144030071", record.Keys);
        Assert.Equal(21, record.Keys.Length);
    }

    [Fact]
    public void Keys_typed_ahead_into_plain_menus_stay_readable()
    {
        var record = new TracedCall().Press("21").Heard().Answer("ok", ("deadline", "20261215")).HangUp();

        Assert.Equal("21", record.Keys);
        Assert.Equal(CallOutcomes.SelfServed, record.Outcome);
    }

    [Fact]
    public void Caller_hanging_up_at_the_main_menu_is_recorded_as_abandoned()
    {
        var record = new TracedCall().HangUp();

        Assert.Equal(CallOutcomes.Abandoned, record.Outcome);
        Assert.Empty(record.Actions);
        Assert.Equal("", record.Keys);
    }

    [Fact]
    public void Caller_hanging_up_while_an_action_runs_leaves_the_action_without_result()
    {
        var record = new TracedCall().Heard().Press("21").HangUp();

        Assert.Equal([("filing.deadline", (string?)null)], record.Actions.Select(a => (a.Action, a.Result)));
        Assert.Equal(CallOutcomes.Abandoned, record.Outcome);
    }

    [Fact]
    public void Failing_back_end_without_other_service_is_recorded_as_error()
    {
        var record = new TracedCall().Heard().Press("21").Answer("error").HangUp();

        Assert.Equal(CallOutcomes.Error, record.Outcome);
    }

    [Fact]
    public void Caller_sent_to_a_seat_is_recorded_as_queued()
    {
        var call = new TracedCall(seatsOpen: true).Heard().Press("0");
        Assert.Contains(call.LastCommands, c => c is CallCommand.EnterQueue);

        Assert.Equal(CallOutcomes.Queued, call.HangUp().Outcome);
    }

    [Fact]
    public void Record_is_handed_over_once_however_often_the_call_ends()
    {
        var call = new TracedCall();
        var first = call.HangUp();
        call.Trace.End();

        Assert.Same(first, call.Record);
    }

    [Fact]
    public void Masked_nodes_are_those_feeding_invoice_taxpayer_and_phone_arguments_of_actions()
    {
        var masked = KeyMasking.MaskedNodes(TracedCall.Repository);

        Assert.Superset(new HashSet<string> { "invoice-code", "invoice-number", "invoice-check-code", "digital-number" }, masked.ToHashSet());
        Assert.DoesNotContain("invoice-date", masked);
        Assert.DoesNotContain("main", masked);
    }
}

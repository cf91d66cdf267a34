using Ivr.Service.Calendar;
using Ivr.Service.Calls.Menu;
using Ivr.Service.SelfService.Complaints;
using Ivr.Tests.SelfService.Filing;

namespace Ivr.Tests.SelfService.Complaints;

/// <summary>complaint.create on a real PostgreSQL and the shipped working-day calendar.</summary>
public sealed class ComplaintTicketTests(TaxpayerDatabase taxpayers) : IClassFixture<TaxpayerDatabase>
{
    Task<ActionResult> CreateAsync(string localTime, string kind = "complaint", string caller = "13912345678", string? recording = null) =>
        new ComplaintCreateAction(new ComplaintTickets(taxpayers.Db), WorkingDayCalendar.Load(), Calls.ChinaClock(localTime))
            .InvokeAsync(Calls.Args(("kind", kind), ("recording", recording ?? $"ch-9-recording-{Guid.NewGuid():N}"), ("caller", caller)),
                Calls.From(caller, "ch-9"), CancellationToken.None);

    [Fact]
    public async Task A_complaint_becomes_a_ticket_due_two_working_days_later_whose_number_and_date_go_back_to_the_menu()
    {
        var result = await CreateAsync("2026-11-19T15:00:00", recording: "ch-9-recording-1"); // a Thursday: Friday and Monday are the two working days
        Assert.Equal("created", result.Code);
        Assert.Equal("2026111900001", result.Outputs["ticket"]);
        Assert.Equal("20261123", result.Outputs["answer-by"]);
        Assert.Equal("complaint", await taxpayers.ScalarAsync<string>("select kind from complaint_tickets where ticket = '2026111900001'"));
        Assert.Equal("13912345678", await taxpayers.ScalarAsync<string>("select caller from complaint_tickets where ticket = '2026111900001'"));
        Assert.Equal("ch-9-recording-1", await taxpayers.ScalarAsync<string>("select recording from complaint_tickets where ticket = '2026111900001'"));
        Assert.Equal(new DateOnly(2026, 11, 23), await taxpayers.ScalarAsync<DateOnly>("select due_on from complaint_tickets where ticket = '2026111900001'"));
    }

    [Fact]
    public async Task Tickets_of_one_day_are_numbered_in_order_and_the_count_starts_again_the_next_day()
    {
        Assert.Equal("2026112000001", (await CreateAsync("2026-11-20T09:00:00", kind: "report")).Outputs["ticket"]);
        Assert.Equal("2026112000002", (await CreateAsync("2026-11-20T23:59:00")).Outputs["ticket"]);
        // 00:30 in China is still the 20th in UTC: the ticket counts China's day.
        Assert.Equal("2026112100001", (await CreateAsync("2026-11-21T00:30:00")).Outputs["ticket"]);
    }

    [Fact]
    public async Task The_same_recording_run_again_answers_its_first_ticket()
    {
        var first = await CreateAsync("2026-11-26T10:00:00", recording: "ch-9-recording-7");
        var again = await CreateAsync("2026-11-27T10:00:00", recording: "ch-9-recording-7");
        Assert.Equal(first.Outputs, again.Outputs);
        Assert.Equal(1, await taxpayers.ScalarAsync<long>("select count(*) from complaint_tickets where recording = 'ch-9-recording-7'"));
    }

    [Fact]
    public async Task A_complaint_before_the_national_day_holiday_is_due_after_it()
    {
        var result = await CreateAsync("2026-09-30T11:00:00");
        Assert.Equal("20261009", result.Outputs["answer-by"]);
    }

    [Fact]
    public async Task A_caller_on_a_landline_gets_a_ticket_too()
    {
        var result = await CreateAsync("2026-11-24T10:00:00", caller: "02158880000");
        Assert.Equal("created", result.Code);
        Assert.Equal("02158880000", await taxpayers.ScalarAsync<string>("select caller from complaint_tickets where ticket = $1", result.Outputs["ticket"]));
    }

    [Fact]
    public async Task A_kind_other_than_complaint_or_report_or_a_missing_recording_is_refused_by_name()
    {
        var kind = await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync("2026-11-25T10:00:00", kind: "praise"));
        Assert.Contains("'kind' is 'praise'", kind.Message);
        var recording = await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync("2026-11-25T10:00:00", recording: ""));
        Assert.Contains("complaint.create: argument 'recording'", recording.Message);
        Assert.Equal(0, await taxpayers.ScalarAsync<long>("select count(*) from complaint_tickets where created_at::date = '2026-11-25'"));
    }
}

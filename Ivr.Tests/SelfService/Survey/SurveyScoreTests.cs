using Ivr.Service.SelfService.Survey;
using Ivr.Tests.SelfService.Filing;

namespace Ivr.Tests.SelfService.Survey;

public sealed class SurveyScoreTests(TaxpayerDatabase taxpayers) : IClassFixture<TaxpayerDatabase>
{
    Task<Service.Calls.Menu.ActionResult> RecordAsync(string score, string channel) =>
        new SurveyRecordAction(taxpayers.Db, TimeProvider.System)
            .InvokeAsync(Calls.Args(("score", score)), Calls.From("+8613912345678", channel), CancellationToken.None);

    [Fact]
    public async Task The_score_is_stored_for_the_call_so_seat_records_can_join_it()
    {
        Assert.Equal("stored", (await RecordAsync("4", "ch-s1")).Code);
        Assert.Equal(4, await taxpayers.ScalarAsync<int>("select score from survey_scores where channel_id = 'ch-s1'"));
        Assert.Equal("13912345678", await taxpayers.ScalarAsync<string>("select caller from survey_scores where channel_id = 'ch-s1'"));
    }

    [Fact]
    public async Task A_call_rated_twice_keeps_its_last_score()
    {
        await RecordAsync("2", "ch-s2");
        await RecordAsync("5", "ch-s2");
        Assert.Equal(5, await taxpayers.ScalarAsync<int>("select score from survey_scores where channel_id = 'ch-s2'"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10")]
    [InlineData("x")]
    public async Task A_score_that_is_not_one_key_from_1_to_9_is_refused_by_name(string score)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => RecordAsync(score, "ch-s3"));
        Assert.Contains($"'score' is '{score}'", e.Message);
    }
}

using Ivr.Service.Calls.Menu;
using Npgsql;

namespace Ivr.Service.SelfService.Survey;

/// <summary>
/// survey.record: the caller's score (1 to the survey's scale) for this call, one per channel id (a repeated survey
/// keeps the last); seat call records join survey_scores on the channel id.
/// </summary>
public sealed class SurveyRecordAction(NpgsqlDataSource db, TimeProvider time) : IMenuAction
{
    public string Name => "survey.record";

    public async Task<ActionResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, ActionCall call, CancellationToken ct)
    {
        var text = ActionArguments.Required(arguments, Name, "score");
        if (text.Length != 1 || text[0] is < '1' or > '9')
            throw new ArgumentException($"{Name}: argument 'score' is '{text}'; a survey score is one key from 1 to 9");
        await using var cmd = db.CreateCommand("""
            insert into survey_scores (channel_id, caller, score, recorded_at) values ($1, $2, $3, $4)
            on conflict (channel_id) do update set score = excluded.score, recorded_at = excluded.recorded_at
            """);
        cmd.Parameters.AddWithValue(call.ChannelId);
        cmd.Parameters.AddWithValue(CallerNumber.Normalise(call.CallerNumber));
        cmd.Parameters.AddWithValue(text[0] - '0');
        cmd.Parameters.AddWithValue(time.GetUtcNow());
        await cmd.ExecuteNonQueryAsync(ct);
        return ActionResult.Of("stored");
    }
}

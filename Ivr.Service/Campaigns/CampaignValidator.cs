using Ivr.Service.Calendar;
using Npgsql;

namespace Ivr.Service.Campaigns;

/// <summary>A campaign definition with every problem found, keyed by field (the API answers 400 with them all).</summary>
public sealed class CampaignValidationException(IReadOnlyDictionary<string, string[]> errors)
    : FormatException("campaign is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Checks every field of a campaign definition and reports all problems at once, each with its fix.</summary>
public sealed class CampaignValidator(NpgsqlDataSource db, WorkingDayCalendar calendar, FilingDeadlines deadlines, IEnumerable<IOutboundDialer> dialers)
{
    public async Task ThrowIfInvalidAsync(Campaign c, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(string field, Action check)
        {
            try
            {
                check();
            }
            catch (FormatException e)
            {
                errors[field] = [e.Message];
            }
        }
        Check("name", () => { if (string.IsNullOrWhiteSpace(c.Name)) throw new FormatException("name is required"); });
        Check("kind", () =>
        {
            if (c.Kind is not (CampaignKinds.Sms or CampaignKinds.Voice or CampaignKinds.SmsThenVoice))
                throw new FormatException($"kind '{c.Kind}' is not one of sms, voice, sms_then_voice");
            if (c.Kind is CampaignKinds.Voice or CampaignKinds.SmsThenVoice && !dialers.Any())
                throw new FormatException($"{c.Kind} campaigns need the outbound dialer, which needs Ari:Url and the call records database (CallRecords:Postgres)");
        });
        Check("templateCode", () =>
        {
            if (string.IsNullOrWhiteSpace(c.TemplateCode)) throw new FormatException("templateCode (the provider's approved template id) is required");
            if (c.Kind == CampaignKinds.Voice && !(c.TemplateCode.StartsWith("campaign:", StringComparison.Ordinal) && Menus.HostRegistry.Entries.Contains(c.TemplateCode)))
                throw new FormatException($"templateCode of a voice campaign is the outbound menu entry, e.g. campaign:filing-reminder (not '{c.TemplateCode}')");
            if (c.Kind == CampaignKinds.SmsThenVoice && c.TemplateCode.StartsWith("campaign:", StringComparison.Ordinal))
                throw new FormatException($"templateCode of an sms_then_voice campaign is the SMS template (its calls run Campaigns:Dispatch:ReminderFlow), not the menu entry '{c.TemplateCode}'");
        });
        Check("windows", () => CallingWindows.Parse(c.Windows, c.TimeZone, calendar));
        Check("schedule", () => { if (c.Schedule is not null) CampaignSchedule.Parse(c.Schedule, deadlines); });
        Check("retryPolicy", () => RetryPolicy.Parse(c.RetryPolicy));
        Check("smsPerSecond", () => { if (c.SmsPerSecond is <= 0 or > 10000) throw new FormatException("smsPerSecond must be above 0 and at most 10000"); });
        Check("chunkSize", () => { if (c.ChunkSize is < 1 or > 100_000) throw new FormatException("chunkSize must be from 1 to 100000"); });
        if (c.AudienceSql is not null)
        {
            try
            {
                await AudiencePlanner.ValidateAsync(db, c.AudienceSql, ct);
            }
            catch (FormatException e)
            {
                errors["audienceSql"] = [e.Message];
            }
        }
        if (errors.Count > 0) throw new CampaignValidationException(errors);
    }
}

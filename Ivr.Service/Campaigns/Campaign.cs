namespace Ivr.Service.Campaigns;

/// <summary>A campaign row as the dispatcher and the admin API read it.</summary>
public sealed record Campaign
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public string Kind { get; init; } = CampaignKinds.Sms;
    public string State { get; init; } = CampaignStates.Draft;
    public required string TemplateCode { get; init; }
    public string TemplateText { get; init; } = "";
    /// <summary>A SELECT returning taxpayer_id and phone (other columns become template variables); null for an uploaded CSV.</summary>
    public string? AudienceSql { get; init; }
    public string? Schedule { get; init; }
    public DateTimeOffset? NextRunAt { get; init; }
    public string Windows { get; init; } = Calendar.CallingWindows.Default;
    public string TimeZone { get; init; } = "Asia/Shanghai";
    public double SmsPerSecond { get; init; } = 10;
    public int MaxConcurrentCalls { get; init; } = 30;
    public double CallsPerSecond { get; init; } = 10;
    public string RetryPolicy { get; init; } = "{}";
    public int ChunkSize { get; init; } = 500;
}

public static class CampaignKinds
{
    public const string Sms = "sms";
    public const string Voice = "voice";
    public const string SmsThenVoice = "sms_then_voice";
}

public static class CampaignStates
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Finished = "finished";
    public const string Cancelled = "cancelled";
}

/// <summary>Target states; the last group are final.</summary>
public static class TargetStates
{
    public const string Pending = "pending";
    public const string Retry = "retry";
    public const string Sending = "sending";
    public const string Unknown = "unknown";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string OptedOut = "opted_out";
}

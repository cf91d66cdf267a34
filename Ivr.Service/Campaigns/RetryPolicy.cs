using System.Text.Json;

namespace Ivr.Service.Campaigns;

/// <summary>How often and how soon to try a target again after each kind of failure.</summary>
public sealed record RetryRule(int MaxAttempts, TimeSpan Delay);

/// <summary>
/// Retry rules per outcome, stored on the campaign as JSON:
/// <c>{"provider_error":{"maxAttempts":3,"delay":"00:10:00"}, "delivery_failed":{…}, "busy":{…}, "no_answer":{…}, "failed":{…}}</c>.
/// Outcomes not listed keep their defaults. Rejections (bad number, template) are never retried.
/// </summary>
public sealed record RetryPolicy(IReadOnlyDictionary<string, RetryRule> Rules)
{
    public const string ProviderError = "provider_error";
    public const string DeliveryFailed = "delivery_failed";
    public const string Busy = "busy";
    public const string NoAnswer = "no_answer";
    public const string CallFailed = "failed";

    static readonly Dictionary<string, RetryRule> Defaults = new()
    {
        [ProviderError] = new(3, TimeSpan.FromMinutes(10)),
        [DeliveryFailed] = new(2, TimeSpan.FromHours(1)),
        [Busy] = new(3, TimeSpan.FromMinutes(30)),
        [NoAnswer] = new(3, TimeSpan.FromHours(2)),
        [CallFailed] = new(2, TimeSpan.FromHours(1)),
    };

    public static RetryPolicy Default { get; } = new(Defaults);

    /// <summary>The rule for an outcome.</summary>
    public RetryRule For(string outcome) => Rules[outcome];

    /// <summary>When to try again after attempt number <paramref name="attempts"/> failed this way, or null to give up.</summary>
    public DateTimeOffset? NextAttempt(string outcome, int attempts, DateTimeOffset now)
    {
        var rule = For(outcome);
        return attempts < rule.MaxAttempts ? now + rule.Delay : null;
    }

    public static RetryPolicy Parse(string json)
    {
        var rules = new Dictionary<string, RetryRule>(Defaults);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"retry policy: not JSON ({e.Message})", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("retry policy: expected a JSON object keyed by outcome");
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!Defaults.ContainsKey(p.Name))
                    throw new FormatException($"retry policy: unknown outcome '{p.Name}' (known: {string.Join(", ", Defaults.Keys)})");
                var max = p.Value.TryGetProperty("maxAttempts", out var m) && m.TryGetInt32(out var mv) && mv is >= 1 and <= 20 ? mv
                    : throw new FormatException($"retry policy: {p.Name}.maxAttempts must be an integer from 1 to 20");
                var delay = p.Value.TryGetProperty("delay", out var d) && TimeSpan.TryParse(d.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var dv) && dv >= TimeSpan.Zero ? dv
                    : throw new FormatException($"retry policy: {p.Name}.delay must be a time span like \"00:10:00\"");
                rules[p.Name] = new RetryRule(max, delay);
            }
        }
        return new RetryPolicy(rules);
    }

    public string ToJson() => JsonSerializer.Serialize(Rules.ToDictionary(r => r.Key, r => new { maxAttempts = r.Value.MaxAttempts, delay = r.Value.Delay.ToString("c") }));
}

namespace Ivr.Service.Sms;

/// <summary>Builds the configured sender from Sms:Provider (alibaba, tencent, webhook, log) and its section.</summary>
public static class SmsSenders
{
    public static ISmsSender Create(IConfiguration sms, IServiceProvider services)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var timeout = TimeSpan.FromSeconds(sms.GetValue("TimeoutSeconds", 10));
        HttpClient Http() => new() { Timeout = timeout };
        var provider = sms["Provider"] ?? "log";
        return provider switch
        {
            "alibaba" => new AlibabaSmsSender(Http(), Bind<AlibabaSmsOptions>(sms, "Alibaba"), clock),
            "tencent" => new TencentSmsSender(Http(), Bind<TencentSmsOptions>(sms, "Tencent"), clock),
            "webhook" => new WebhookSmsSender(Http(), Uri.TryCreate(sms["Webhook:Url"], UriKind.Absolute, out var url) ? url
                : throw new InvalidOperationException($"Sms:Webhook:Url '{sms["Webhook:Url"]}' is not an absolute URL")),
            "log" => new LoggingSmsSender(services.GetRequiredService<ILogger<LoggingSmsSender>>()),
            _ => throw new InvalidOperationException($"Sms:Provider '{provider}' is unknown; use alibaba, tencent, webhook or log"),
        };
    }

    static T Bind<T>(IConfiguration sms, string name)
    {
        try
        {
            var value = sms.GetSection(name).Get<T>() ?? throw new InvalidOperationException("the section is missing");
            // The binder leaves absent required values null; say which one instead of failing at the first send.
            foreach (var p in typeof(T).GetProperties().Where(p => p.PropertyType == typeof(string)))
                if (string.IsNullOrEmpty((string?)p.GetValue(value))) throw new InvalidOperationException($"{p.Name} is required");
            return value;
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"Sms:{name}: {e.Message} (see docs/campaigns.md for the fields)", e);
        }
    }
}

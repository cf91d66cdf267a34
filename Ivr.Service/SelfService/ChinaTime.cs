namespace Ivr.Service.SelfService;

/// <summary>Dates as the hotline's callers count them (China, whatever the server's zone) and as menus speak them.</summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);

    /// <summary>The yyyyMMdd form the menus' <c>date</c> read-back speaks.</summary>
    public static string Spoken(DateOnly date) => date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}

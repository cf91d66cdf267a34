using Ivr.Service.Calls.Menu;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Tests.SelfService;

/// <summary>Calls and clocks for driving actions directly.</summary>
public static class Calls
{
    public static ActionCall From(string caller, string channel = "ch-1") => new(channel, caller, "12366", "zh-CN");

    /// <summary>A clock at <paramref name="localTime"/> in China (UTC+8).</summary>
    public static FakeTimeProvider ChinaClock(string localTime) => new(DateTimeOffset.Parse(localTime + "+08:00").ToUniversalTime());

    public static Dictionary<string, string> Args(params (string Name, string Value)[] args) => args.ToDictionary(a => a.Name, a => a.Value);
}

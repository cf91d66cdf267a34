namespace Ivr.Menus.Loading;

/// <summary>The ranges supervisors may choose from; outside them a caller would wait too long or be cut off.</summary>
public static class Limits
{
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(0.5), MaxTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MinInterDigit = TimeSpan.FromSeconds(0.5), MaxInterDigit = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MinOverall = TimeSpan.FromSeconds(5), MaxOverall = TimeSpan.FromSeconds(600);
    public static readonly TimeSpan MinRecording = TimeSpan.FromSeconds(5), MaxRecording = TimeSpan.FromSeconds(600);
    public static readonly TimeSpan MinSilence = TimeSpan.FromSeconds(1), MaxSilence = TimeSpan.FromSeconds(30);
    public const int MinTries = 1, MaxTries = 9;
    public const int MaxDigits = 64;
    public const int MinSteps = 10, MaxSteps = 10_000;
    public const int MinVisits = 1, MaxVisits = 100;
    public const string Keys = "0123456789*#";
}

using System.Globalization;

namespace Ivr.Benchmarks.Campaigns;

/// <summary>The command line of <c>Ivr.Benchmarks campaign-dispatch</c>; the defaults run the case.</summary>
public sealed record DispatchBenchOptions
{
    public const string Usage =
        "usage: Ivr.Benchmarks campaign-dispatch [--targets 20000] [--chunk-size 500] [--workers 4] [--sms-per-second 1000] " +
        "[--provider-limit 500] [--variants chunks,per-target] [--max-drain 900]";

    /// <summary>The chunk jobs the service enqueues.</summary>
    public const string Chunks = "chunks";

    /// <summary>One Hangfire job per target: the same dispatcher over chunks of one target.</summary>
    public const string PerTarget = "per-target";

    public int Targets { get; init; } = 20_000;

    /// <summary>Targets per chunk job of the chunks variant (the service's default).</summary>
    public int ChunkSize { get; init; } = 500;

    /// <summary>Hangfire workers (the service's default on a 2-core machine: Math.Max(4, cores)).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>The campaign's pacing, the Redis token bucket's rate.</summary>
    public double SmsPerSecond { get; init; } = 1000;

    /// <summary>Requests per second the stand-in answers before it answers 429.</summary>
    public int ProviderLimit { get; init; } = 500;

    public IReadOnlyList<string> Variants { get; init; } = [Chunks, PerTarget];

    /// <summary>Seconds a variant may take to send every target; what is left then is reported as not drained.</summary>
    public double MaxDrainSeconds { get; init; } = 900;

    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has a value out of range; the message names it.</exception>
    public static DispatchBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new DispatchBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            o = name switch
            {
                "--targets" => o with { Targets = Whole(name, value) },
                "--chunk-size" => o with { ChunkSize = Whole(name, value) },
                "--workers" => o with { Workers = Whole(name, value) },
                "--sms-per-second" => o with { SmsPerSecond = Number(name, value) },
                "--provider-limit" => o with { ProviderLimit = Whole(name, value) },
                "--variants" => o with { Variants = [.. value.Split(',').Select(v => v is Chunks or PerTarget ? v
                    : throw new ArgumentException($"--variants: '{v}' is not {Chunks} or {PerTarget}"))] },
                "--max-drain" => o with { MaxDrainSeconds = Number(name, value) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return o;
    }

    static int Whole(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
            : throw new ArgumentException($"{name}: '{value}' is not a whole number of at least 1");

    static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw new ArgumentException($"{name}: '{value}' is not a number above 0");
}

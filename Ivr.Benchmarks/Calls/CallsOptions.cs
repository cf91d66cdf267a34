using System.Globalization;

namespace Ivr.Benchmarks.Calls;

/// <summary>The command line of <c>Ivr.Benchmarks calls</c>; every value has a default that runs the issue's first case.</summary>
public sealed record CallsOptions
{
    public const string Usage =
        "usage: Ivr.Benchmarks calls [--concurrent 1000] [--calls 10000] [--checkpoints 10000,50000] [--speed 1] [--listen 1.5] [--key-gap 0.4] [--ramp 60] [--warmup 20] [--wait 120] [--repo DIR]";

    /// <summary>Calls in progress at once once the ramp is over.</summary>
    public int Concurrent { get; init; } = 1000;

    /// <summary>Calls in all, warm-up not counted.</summary>
    public int Calls { get; init; } = 10_000;

    /// <summary>Finished-call counts at which the load drains and the service's memory is taken after a full GC.</summary>
    public IReadOnlyList<int> Checkpoints { get; init; } = [];

    /// <summary>The simulator's clock rate: 1 plays prompts and sends keys at a real caller's pace.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Simulated seconds a caller listens to each prompt before keying (a regular caller barges in early).</summary>
    public double ListenSeconds { get; init; } = 1.5;

    /// <summary>Simulated seconds between two keys of an entry, as a caller reading digits off a paper invoice.</summary>
    public double KeyGapSeconds { get; init; } = 0.4;

    /// <summary>Real seconds over which the first <see cref="Concurrent"/> calls are started, so they do not all ring at once.</summary>
    public double RampSeconds { get; init; } = 60;

    /// <summary>Calls run before the baseline is taken, so start-up work (JIT, first connections) is not counted as calls'.</summary>
    public int Warmup { get; init; } = 20;

    /// <summary>Real seconds a caller waits for an expected prompt before the call counts as failed.</summary>
    public double WaitSeconds { get; init; } = 120;

    /// <summary>The repository root (menus/, prompts/, asterisk-config/).</summary>
    public string Repo { get; init; } = FindRepo(Directory.GetCurrentDirectory());

    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has a value out of range; the message names it.</exception>
    public static CallsOptions Parse(IReadOnlyList<string> args)
    {
        var o = new CallsOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            o = name switch
            {
                "--concurrent" => o with { Concurrent = Whole(name, value, 1) },
                "--calls" => o with { Calls = Whole(name, value, 1) },
                "--checkpoints" => o with { Checkpoints = [.. value.Split(',').Select(v => Whole(name, v, 1)).Order()] },
                "--speed" => o with { Speed = Number(name, value, zeroAllowed: false) },
                "--listen" => o with { ListenSeconds = Number(name, value, zeroAllowed: true) },
                "--key-gap" => o with { KeyGapSeconds = Number(name, value, zeroAllowed: true) },
                "--ramp" => o with { RampSeconds = Number(name, value, zeroAllowed: false) },
                "--warmup" => o with { Warmup = Whole(name, value, 0) },
                "--wait" => o with { WaitSeconds = Number(name, value, zeroAllowed: false) },
                "--repo" => o with { Repo = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }
        if (o.Checkpoints.FirstOrDefault(c => c >= o.Calls) is var late and > 0)
            throw new ArgumentException($"--checkpoints {late} is not below --calls {o.Calls}: the last measurement is taken after all calls anyway");
        if (!File.Exists(Path.Combine(o.Repo, "Ivr.sln")))
            throw new ArgumentException($"--repo '{o.Repo}' has no Ivr.sln: run from the repository or pass --repo");
        return o;
    }

    static int Whole(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min ? n
            : throw new ArgumentException($"{name} '{value}' is not a whole number of at least {min}");

    static double Number(string name, string value, bool zeroAllowed) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && (d > 0 || (zeroAllowed && d == 0)) ? d
            : throw new ArgumentException($"{name} '{value}' is not a {(zeroAllowed ? "non-negative" : "positive")} number");

    /// <summary>The nearest folder at or above <paramref name="start"/> holding Ivr.sln, else <paramref name="start"/> (Parse then names it).</summary>
    static string FindRepo(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Ivr.sln"))) return d.FullName;
        return start;
    }
}

namespace Ivr.Benchmarks.Ari;

/// <summary>The recorded Asterisk 22 traces in ../shared/ari-traces beside the repository (or $IVR_SHARED), else the repository's copy.</summary>
public static class TraceFiles
{
    public static string Directory()
    {
        var env = Environment.GetEnvironmentVariable("IVR_SHARED");
        if (!string.IsNullOrEmpty(env)) return Path.Combine(env, "ari-traces");
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared", "ari-traces");
            if (System.IO.Directory.Exists(candidate)) return candidate;
            var copy = Path.Combine(d.FullName, "Ivr.Tests", "Reference", "ari-traces");
            if (System.IO.Directory.Exists(copy)) return copy;
        }
        throw new InvalidOperationException($"shared/ari-traces not found above {AppContext.BaseDirectory}; set IVR_SHARED");
    }

    /// <summary>Every WebSocket message line of every trace (not the REST or socket logs).</summary>
    public static IEnumerable<string> EventLines() =>
        System.IO.Directory.GetFiles(Directory(), "*.jsonl")
            .Where(f => !f.EndsWith(".rest.jsonl", StringComparison.Ordinal) && !f.EndsWith(".sockets.jsonl", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(l => l.Length > 0);
}

using System.Diagnostics;

namespace Ivr.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL and Redis the tests use: the ones IVR_POSTGRES / IVR_REDIS name (the test command
/// sets them), or, when a test is run straight from `dotnet test`, the project's private instances started
/// once per test run by scripts/servers.sh.
/// </summary>
public static class Servers
{
    static readonly Lazy<(string Postgres, string Redis)> Connection = new(Resolve);

    /// <summary>Npgsql connection string of the server's maintenance-free `ivr` database.</summary>
    public static string Postgres => Connection.Value.Postgres;

    /// <summary>StackExchange.Redis configuration string.</summary>
    public static string Redis => Connection.Value.Redis;

    static (string, string) Resolve()
    {
        var pg = Environment.GetEnvironmentVariable("IVR_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("IVR_REDIS");
        if (!string.IsNullOrEmpty(pg) && !string.IsNullOrEmpty(redis)) return (pg, redis);

        var script = Path.Combine(RepoRoot(), "scripts", "servers.sh");
        var psi = new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"scripts/servers.sh start failed ({p.ExitCode}); see its messages above");
        string Value(string name) => output.Split('\n').First(l => l.StartsWith($"export {name}=", StringComparison.Ordinal))
            .Split('=', 2)[1].Trim('\'');
        return (Value("IVR_POSTGRES"), Value("IVR_REDIS"));
    }

    /// <summary>The repository root, found from the test assembly's folder.</summary>
    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Ivr.sln"))) return d.FullName;
        throw new InvalidOperationException("Ivr.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>`../shared` beside the repository (the ARI traces and API description live there).</summary>
    /// <summary>../shared beside the checkout (or $IVR_SHARED); null on a machine that has only the repository.</summary>
    public static string? SharedDir()
    {
        var env = Environment.GetEnvironmentVariable("IVR_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var d = new DirectoryInfo(RepoRoot()); d != null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "ari-traces"))) return candidate;
        }
        return null;
    }

    /// <summary>The Asterisk traces: ../shared/ari-traces when present (new traces appear there first), else the repository's copy.</summary>
    public static string TracesDir() => SharedDir() is { } shared ? Path.Combine(shared, "ari-traces") : CheckedInTracesDir();

    public static string CheckedInTracesDir() => Path.Combine(RepoRoot(), "Ivr.Tests", "Reference", "ari-traces");

    /// <summary>The ARI description: ../shared/ari-api when present, else the generator's copy.</summary>
    public static string ApiDir() => SharedDir() is { } shared ? Path.Combine(shared, "ari-api") : Path.Combine(RepoRoot(), "tools", "AriGen", "api");
}

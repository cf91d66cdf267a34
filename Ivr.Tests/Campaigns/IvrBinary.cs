using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Campaigns;

/// <summary>The built `ivr` service binary, run as a real child process by the CLI and crash tests.</summary>
public static class IvrBinary
{
    public static string DllPath
    {
        get
        {
            // Tests run from Ivr.Tests/bin/<Configuration>/net10.0: use the service built in the same configuration.
            var config = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!);
            var dll = Path.Combine(Servers.RepoRoot(), "Ivr.Service", "bin", config, "net10.0", "ivr.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built; run dotnet build Ivr.Tests", dll);
        }
    }
}

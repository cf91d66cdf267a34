using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Conformance.Traces;

/// <summary>../shared/ari-traces (or the repository copy), where the reference recordings live.</summary>
public static class TraceDirectory
{
    public static string Path => Servers.TracesDir();
}

using Ivr.Tests.Infrastructure;

namespace Ivr.Tests.Conformance.Traces;

/// <summary>../shared/ari-traces, where the reference recordings live.</summary>
public static class TraceDirectory
{
    public static string Path => System.IO.Path.Combine(Servers.SharedDir(), "ari-traces");
}

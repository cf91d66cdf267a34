using System.Net.Sockets;

namespace Ivr.Tests.Conformance.Replay;

/// <summary>Names a connection failure the way the trace's Node.js driver did (ECONNREFUSED, ECONNRESET, ...).</summary>
public static class Failure
{
    public static string Name(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is SocketException s)
                return s.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "ECONNREFUSED",
                    SocketError.ConnectionReset => "ECONNRESET",
                    SocketError.TimedOut => "ETIMEDOUT",
                    _ => "E" + s.SocketErrorCode.ToString().ToUpperInvariant(),
                };
        if (e is OperationCanceledException) return "timeout";
        if (e.Message.Contains("prematurely", StringComparison.OrdinalIgnoreCase) || e.InnerException is IOException) return "ECONNRESET";
        return e.GetType().Name;
    }
}

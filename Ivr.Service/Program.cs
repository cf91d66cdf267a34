using Ivr.Service.Cli;

namespace Ivr.Service;

/// <summary>`ivr` with no arguments (or `ivr serve`) runs the service; the other verbs are tools for supervisors and operators.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => CommandLine.RunAsync(args);
}

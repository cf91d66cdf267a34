using BenchmarkDotNet.Running;

namespace Ivr.Benchmarks;

/// <summary>dotnet run -c Release --project Ivr.Benchmarks -- --filter '*'   (see docs/benchmarks.md)</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

using BenchmarkDotNet.Running;

namespace Ivr.Benchmarks;

/// <summary>dotnet run -c Release --project Ivr.Benchmarks -- --filter '*'   (see docs/benchmarks.md)</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // The calls load runner is a purpose-made harness (simulator as load), not a BenchmarkDotNet class.
        if (args is ["calls", .. var calls]) return await Calls.CallsBenchmark.RunAsync(calls);
        if (args is ["campaign-dispatch", .. var dispatch]) return await Campaigns.DispatchBenchmark.RunAsync(dispatch);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

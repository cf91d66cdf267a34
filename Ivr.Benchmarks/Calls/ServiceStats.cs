using System.Diagnostics;
using System.Text.Json;

namespace Ivr.Benchmarks.Calls;

/// <summary>What the service process reports about itself: CPU used so far and memory now.</summary>
/// <param name="CpuSeconds">User + kernel CPU time of the process since it started.</param>
/// <param name="WorkingSetBytes">Resident memory of the process.</param>
/// <param name="ManagedBytes">Bytes the GC counts as in use (live objects after a forced full GC).</param>
/// <param name="GcHeapBytes">Size of the GC heap including fragmentation, as of the last collection.</param>
/// <param name="AllocatedBytes">Bytes allocated since the process started.</param>
/// <param name="Gen2Collections">Full collections so far.</param>
public sealed record ServiceStats(double CpuSeconds, long WorkingSetBytes, long ManagedBytes, long GcHeapBytes, long AllocatedBytes,
    int Gen2Collections)
{
    /// <summary>The line prefix that marks a stats line on the service process's standard output.</summary>
    public const string LinePrefix = "stats ";

    public static ServiceStats OfThisProcess(bool forceFullGc)
    {
        if (forceFullGc)
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            // Twice: objects with finalizers only become garbage once their finalizer has run.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        using var self = Process.GetCurrentProcess();
        return new ServiceStats(self.TotalProcessorTime.TotalSeconds, self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false),
            GC.GetGCMemoryInfo().HeapSizeBytes, GC.GetTotalAllocatedBytes(), GC.CollectionCount(2));
    }

    public string ToLine() => LinePrefix + JsonSerializer.Serialize(this);

    /// <summary>Reads a line written by <see cref="ToLine"/>.</summary>
    /// <exception cref="InvalidDataException">The line is not a stats line.</exception>
    public static ServiceStats Parse(string line)
    {
        if (!line.StartsWith(LinePrefix, StringComparison.Ordinal))
            throw new InvalidDataException($"the service process answered '{line}' where a '{LinePrefix.Trim()} {{json}}' line was expected");
        return JsonSerializer.Deserialize<ServiceStats>(line[LinePrefix.Length..])
            ?? throw new InvalidDataException($"the service process sent an empty stats line: '{line}'");
    }
}

using System.Diagnostics;

namespace Ivr.Benchmarks.Calls;

/// <summary>The load process's handle on the service process (<see cref="ServiceSide"/>), started from this same executable.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    readonly Process _process;

    ServiceProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Starts the service against <paramref name="ariUrl"/> with server GC, as the deployed ASP.NET Core service runs.</summary>
    public static async Task<ServiceProcess> StartAsync(Uri ariUrl, string repo, TimeSpan timeout)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown, so the service process cannot be started");
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet Ivr.Benchmarks.dll` the process is the dotnet host, which needs the assembly first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(ServiceProcess).Assembly.Location);
        foreach (var arg in (string[])["calls", "service", "--ari-url", ariUrl.ToString(), "--repo", repo]) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_gcServer"] = "1";
        // The load checks a handful of sample invoices thousands of times: the per-invoice daily limit (5) would answer
        // nearly every call limit_exceeded. Counters under a prefix of their own start at zero in every run.
        info.Environment["Invoices__Limits__PerInvoicePerDay"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Invoices__RedisPrefix"] = $"ivr:callbench:{Guid.NewGuid():N}:";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {self} as the service process");
        var service = new ServiceProcess(process);
        var line = await service.ReadLineAsync(timeout, "start and connect to the simulator");
        if (line != ServiceSide.ReadyLine) throw new InvalidOperationException($"the service process said '{line}' instead of '{ServiceSide.ReadyLine}'");
        return service;
    }

    /// <summary>CPU and memory now, without disturbing the running calls.</summary>
    public Task<ServiceStats> StatsAsync() => AskAsync("stats");

    /// <summary>CPU and memory after a forced, compacting full collection: what the service really holds on to.</summary>
    public Task<ServiceStats> StatsAfterFullGcAsync() => AskAsync("gc");

    async Task<ServiceStats> AskAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return ServiceStats.Parse(await ReadLineAsync(TimeSpan.FromSeconds(60), $"answer '{command}'"));
    }

    async Task<string> ReadLineAsync(TimeSpan timeout, string what)
    {
        try
        {
            return await _process.StandardOutput.ReadLineAsync().WaitAsync(timeout)
                ?? throw new InvalidOperationException($"the service process (pid {Id}) exited (code {ExitCode()}) instead of being able to {what}; its errors are above");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the service process (pid {Id}) did not {what} within {timeout.TotalSeconds:0} s");
        }
    }

    string ExitCode() => _process.WaitForExit(1000) ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("stop");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}

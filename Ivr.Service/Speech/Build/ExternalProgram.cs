using System.Diagnostics;

namespace Ivr.Service.Speech.Build;

/// <summary>Runs a command-line tool (espeak-ng, sox) without a shell and reports its stderr when it fails.</summary>
public static class ExternalProgram
{
    /// <summary>Runs <paramref name="program"/> to completion and returns its output; a non-zero exit or a missing program throws with the command's own message.</summary>
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed ({e.Message}); run scripts/deps.sh", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var message = (await stderr).Trim();
            var output = await stdout;
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {(message.Length > 0 ? message : "no message")}");
            return output;
        }
    }
}

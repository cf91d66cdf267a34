using System.Diagnostics;
using Ivr.Menus.Graph;

namespace Ivr.Service.Menus;

/// <summary>`ivr menus graph`: DOT to stdout or a file; .svg and .png go through Graphviz's `dot` when it is installed.</summary>
public static class GraphCommand
{
    public static int Run(MenuOptions options, TextWriter output, TextWriter error)
    {
        var workspace = MenuWorkspace.Load(options, error);
        if (workspace?.Set is not { } set) return 1;
        var dot = DotGraph.Write(set);
        var format = Path.GetExtension(options.Out ?? "").TrimStart('.').ToLowerInvariant();
        if (options.Out is null) { output.Write(dot); return 0; }
        if (format is not ("svg" or "png"))
        {
            File.WriteAllText(options.Out, dot);
            output.WriteLine($"wrote {options.Out}");
            return 0;
        }
        return Render(dot, format, options.Out, output, error);
    }

    static int Render(string dot, string format, string file, TextWriter output, TextWriter error)
    {
        var start = new ProcessStartInfo("dot", ["-T" + format, "-o", file]) { RedirectStandardInput = true, RedirectStandardError = true };
        Process process;
        try { process = Process.Start(start) ?? throw new InvalidOperationException("dot did not start"); }
        catch (System.ComponentModel.Win32Exception)
        {
            error.WriteLine($"Graphviz 'dot' is not installed, so {file} cannot be drawn; install it (apt-get install graphviz) or write --out menus.dot");
            return 1;
        }
        using (process)
        {
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            var problems = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                error.WriteLine($"dot failed ({process.ExitCode}): {problems}");
                return 1;
            }
        }
        output.WriteLine($"wrote {file}");
        return 0;
    }
}

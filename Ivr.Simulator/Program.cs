using System.Globalization;

namespace Ivr.Simulator;

/// <summary>The Asterisk simulator as a process: an ARI server on loopback until Ctrl-C or SIGTERM.</summary>
public static class Program
{
    const string Usage = "usage: Ivr.Simulator [--port 18088] [--dialplan extensions.conf] [--sounds dir] [--recordings dir] [--speed 1] [--user ivr] [--password ivr]";

    public static async Task<int> Main(string[] args)
    {
        SimulatorOptions options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        await using var sim = await AsteriskSimulator.StartAsync(options);
        Console.WriteLine($"ARI ready at {sim.AriUrl} (user {sim.User})");
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        await stop.Task;
        return 0;
    }

    static SimulatorOptions Parse(string[] args)
    {
        var o = new SimulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--port" => o with { Port = int.TryParse(Value(), CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535 ? p : throw new ArgumentException($"--port '{args[i]}' is not a TCP port") },
                "--dialplan" => o with { DialplanPath = Value() },
                "--sounds" => o with { SoundsDirectory = Value() },
                "--recordings" => o with { RecordingsDirectory = Value() },
                "--speed" => o with { Speed = double.TryParse(Value(), CultureInfo.InvariantCulture, out var s) && s > 0 ? s : throw new ArgumentException($"--speed '{args[i]}' is not a positive number") },
                "--user" => o with { User = Value() },
                "--password" => o with { Password = Value() },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }
        return o;
    }
}

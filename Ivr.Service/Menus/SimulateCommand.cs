using Ivr.Menus.Engine;

namespace Ivr.Service.Menus;

/// <summary>
/// `ivr menus simulate`: a caller at the terminal (or a script on stdin) against the engine. Prompts are shown as
/// their catalogue text and treated as heard in full; actions answer with --result codes or a `result CODE` line.
/// </summary>
public static class SimulateCommand
{
    public static int Run(MenuOptions options, TextReader input, TextWriter output, TextWriter error)
    {
        var workspace = MenuWorkspace.Load(options, error);
        if (workspace?.Set is not { } set) return 1;
        if (!set.Entries.ContainsKey(options.Entry))
        {
            error.WriteLine($"no entry '{options.Entry}' in the menus; entries: {string.Join(", ", set.Entries.Keys)}");
            return 2;
        }
        var call = new SimulatedCall(new MenuEngine(set), workspace, options, output);
        call.Start(new CallEvent.Started(options.Caller, options.Entry, options.Language, DateOnly.FromDateTime(DateTime.Now),
            options.Closed ? new HashSet<string>() : workspace.Host.Calendars));
        while (!call.State.Ended)
        {
            var line = input.ReadLine();
            if (line is null) { output.WriteLine("caller hung up"); call.Send(new CallEvent.HungUp()); break; }
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#') && line.Length > 1 && line[1] == ' ') continue;
            if (!call.Input(line)) error.WriteLine($"not understood: '{line}' (keys, timeout, say WORDS, seat talked|no-seat, result CODE, hangup)");
        }
        return 0;
    }
}

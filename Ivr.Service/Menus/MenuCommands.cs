namespace Ivr.Service.Menus;

/// <summary>`ivr menus validate|test|graph|simulate`: the supervisors' tools for menu files.</summary>
public static class MenuCommands
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args, Console.In, Console.Out, Console.Error));

    /// <summary>Exit codes: 0 ok, 1 the menus or tests have errors, 2 the command line is wrong.</summary>
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            error.WriteLine(Usage);
            return 2;
        }
        if (args[0] is "help" or "-h" or "--help")
        {
            output.WriteLine(Usage);
            return 0;
        }
        MenuOptions options;
        try { options = MenuOptions.Parse(args[1..]); }
        catch (ArgumentException e)
        {
            error.WriteLine($"ivr menus {args[0]}: {e.Message}");
            return 2;
        }
        return args[0] switch
        {
            "validate" => ValidateCommand.Run(options, output, error),
            "test" => TestCommand.Run(options, output, error),
            "graph" => GraphCommand.Run(options, output, error),
            "simulate" => SimulateCommand.Run(options, input, output, error),
            _ => Unknown(args[0], error),
        };
    }

    static int Unknown(string verb, TextWriter error)
    {
        error.WriteLine($"ivr menus: unknown command '{verb}'");
        error.WriteLine(Usage);
        return 2;
    }

    const string Usage = """
        usage: ivr menus validate [FILE|DIR…] [--prompts FILE] [--audio]   check menus; errors as file:line:col
               ivr menus test [TEST.yaml…] [--menus DIR]                   run menu tests and check node coverage
               ivr menus graph [--out FILE.dot|.svg|.png]                  Graphviz DOT (SVG/PNG through `dot`)
               ivr menus simulate [--entry 12366] [--from NUMBER] [--language en-US] [--closed] [--result ACTION=CODE]…
                 reads caller input from stdin, one per line: keys (1, 123#), timeout, say WORDS, seat talked|no-seat,
                 result CODE [OUTPUT=VALUE…] (answers the running action), hangup
        defaults: menus in ./menus (tests in ./menus/tests), prompts in ./prompts/catalog.yaml
        """;
}

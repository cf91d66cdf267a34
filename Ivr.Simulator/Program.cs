namespace Ivr.Simulator;

/// <summary>The Asterisk simulator as a process: an ARI server on loopback (see README).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("simulator: not built yet");
        return 2;
    }
}

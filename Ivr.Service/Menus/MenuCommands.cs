namespace Ivr.Service.Menus;

/// <summary>`ivr menus …` (placeholder until the menus issue lands).</summary>
public static class MenuCommands
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("ivr menus: not built yet");
        return Task.FromResult(2);
    }
}

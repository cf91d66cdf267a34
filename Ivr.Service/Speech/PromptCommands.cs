namespace Ivr.Service.Speech;

/// <summary>`ivr prompts …` (placeholder until the prompts issue lands).</summary>
public static class PromptCommands
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("ivr prompts: not built yet");
        return Task.FromResult(2);
    }
}

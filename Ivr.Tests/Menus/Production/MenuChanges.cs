namespace Ivr.Tests.Menus.Production;

/// <summary>Edits of the shipped 12366.yaml that tests apply: one a caller hears at once, one the validator refuses.</summary>
public static class MenuChanges
{
    public const string File = "12366.yaml";

    const string Welcome = "  welcome:\n    type: play\n    play: welcome\n";

    /// <summary>New calls hear goodbye instead of the welcome.</summary>
    public static string GreetWithGoodbye(string text) => Replace(text, Welcome, "  welcome:\n    type: play\n    play: goodbye\n");

    /// <summary>A typo in the welcome node's type: 12366.yaml line 28.</summary>
    public static string MistypeWelcome(string text) => Replace(text, Welcome, "  welcome:\n    type: plya\n    play: welcome\n");

    static string Replace(string text, string old, string replacement) =>
        text.Contains(old, StringComparison.Ordinal) ? text.Replace(old, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"the shipped {File} no longer has its welcome node as the tests expect:\n{old}");
}

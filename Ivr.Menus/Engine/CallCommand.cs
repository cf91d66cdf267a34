using Ivr.Menus.Model;

namespace Ivr.Menus.Engine;

/// <summary>One thing said in a playback: a catalogue prompt or a typed value, rendered per language by the host.</summary>
public abstract record Spoken
{
    public sealed record Prompt(string Id) : Spoken;

    public sealed record Value(ValueKind Kind, string Text) : Spoken;
}

/// <summary>What the engine asks the host to do; the host answers with events.</summary>
public abstract record CallCommand
{
    public sealed record Play(string PlaybackId, string Language, IReadOnlyList<Spoken> Items) : CallCommand;

    public sealed record StopPlayback(string PlaybackId) : CallCommand;

    public sealed record StartTimer(string TimerId, TimeSpan After) : CallCommand;

    public sealed record CancelTimer(string TimerId) : CallCommand;

    public sealed record InvokeAction(string Action, IReadOnlyDictionary<string, string> Arguments) : CallCommand;

    public sealed record EnterQueue(string Name, string? Skill, int Priority) : CallCommand;

    public sealed record Record(TimeSpan MaxLength, bool Beep, TimeSpan SilenceEnd) : CallCommand;

    public sealed record SendSms(string Template, string To, IReadOnlyDictionary<string, string> Parameters) : CallCommand;

    public sealed record RegisterCallback(string Queue, string Number) : CallCommand;

    public sealed record SetLanguage(string Language) : CallCommand;

    public sealed record Hangup(string Reason) : CallCommand;
}

namespace Ivr.Service.Calls.Greeting;

public abstract record GreetingEvent
{
    public sealed record Digit(char Key) : GreetingEvent;
    public sealed record PlaybackFinished(string PlaybackId) : GreetingEvent;
    public sealed record TimerFired(string Name) : GreetingEvent;
    public sealed record HungUp : GreetingEvent;
}

public abstract record GreetingCommand
{
    public sealed record Answer(string Language) : GreetingCommand;
    /// <summary>Media URIs played one after the other as one playback with the given id.</summary>
    public sealed record Play(string PlaybackId, IReadOnlyList<string> Media) : GreetingCommand
    {
        public bool Equals(Play? other) => other is not null && PlaybackId == other.PlaybackId && Media.SequenceEqual(other.Media);
        public override int GetHashCode() => PlaybackId.GetHashCode();
    }
    /// <summary>Stops whatever the flow is playing (barge-in).</summary>
    public sealed record StopPlayback : GreetingCommand;
    public sealed record StartTimer(string Name, TimeSpan After) : GreetingCommand;
    public sealed record CancelTimer(string Name) : GreetingCommand;
    public sealed record HangUp : GreetingCommand;
}

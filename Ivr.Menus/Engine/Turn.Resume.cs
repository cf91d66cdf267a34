namespace Ivr.Menus.Engine;

/// <summary>Going on with a call whose events were lost (its host died or lost Asterisk for a while).</summary>
sealed partial class Turn
{
    /// <summary>
    /// A node that speaks to the caller and waits is entered again, so the caller hears its prompt from the start and
    /// keys half-typed before the gap are forgotten (they may have been pressed while nobody listened). A node waiting on
    /// something else (an action, a recording, a seat) is left as it is: the host knows whether that thing is still running.
    /// </summary>
    public void Resume()
    {
        if (_s.Waiting is Waiting.Playback or Waiting.Keys or Waiting.Confirmation or Waiting.LastPrompt)
            Enter(_s.Node);
    }
}

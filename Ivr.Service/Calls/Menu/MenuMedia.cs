using Ivr.Menus.Engine;
using Ivr.Service.Speech.Values;

namespace Ivr.Service.Calls.Menu;

/// <summary>What one engine Play becomes on the wire: the ARI media list and the Asterisk sound folder for <c>lang</c>.</summary>
public sealed record MenuMedia(IReadOnlyList<string> Media, string Folder, IReadOnlyList<string> Problems)
{
    /// <summary>
    /// Prompts play as <c>sound:&lt;id&gt;</c>; values are spoken with word prompts of the call's language. A value that
    /// cannot be spoken is left out and named in <see cref="Problems"/>: the caller still hears the rest of the prompt.
    /// </summary>
    public static MenuMedia For(CallCommand.Play play, Func<string, string> folderOf)
    {
        var media = new List<string>();
        var problems = new List<string>();
        foreach (var item in play.Items)
            switch (item)
            {
                case Spoken.Prompt p:
                    media.Add("sound:" + p.Id);
                    break;
                case Spoken.Value v:
                    try { media.AddRange(ValueSpeakers.Speak(v.Kind.ToString(), v.Text, play.Language).Select(id => "sound:" + id)); }
                    catch (SpokenValueException e) { problems.Add($"playback {play.PlaybackId}: {e.Message}"); }
                    break;
            }
        return new MenuMedia(media, folderOf(play.Language), problems);
    }
}

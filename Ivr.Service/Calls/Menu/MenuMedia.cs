using Ivr.Menus.Engine;
using ValueKind = Ivr.Menus.Model.ValueKind;
using Ivr.Service.Speech.Runtime;
using Ivr.Service.Speech.Values;

namespace Ivr.Service.Calls.Menu;

/// <summary>What one engine Play becomes on the wire: the ARI media list and the Asterisk sound folder for <c>lang</c>.</summary>
public sealed record MenuMedia(IReadOnlyList<string> Media, string Folder, IReadOnlyList<string> Problems)
{
    /// <summary>
    /// Prompts play as <c>sound:&lt;id&gt;</c>; values are spoken with word prompts of the call's language. A value that
    /// cannot be spoken is left out and named in <see cref="Problems"/>: the caller still hears the rest of the prompt.
    /// </summary>
    public static MenuMedia For(CallCommand.Play play, Func<string, string> folderOf) =>
        Build(play, folderOf(play.Language), new Dictionary<string, RuntimeSound>(StringComparer.Ordinal));

    /// <summary>
    /// As <see cref="For"/>, with free-text values rendered first by <paramref name="runtime"/> (all of the play at
    /// once); a text that cannot be rendered is left out like any unspeakable value.
    /// </summary>
    public static async Task<MenuMedia> ForAsync(CallCommand.Play play, Func<string, string> folderOf, RuntimeSpeech? runtime, CancellationToken ct)
    {
        var folder = folderOf(play.Language);
        var texts = play.Items.OfType<Spoken.Value>().Where(v => v.Kind == ValueKind.Text).Select(v => v.Text).Distinct().ToList();
        var rendered = runtime is null || texts.Count == 0 ? [] : await Task.WhenAll(texts.Select(t => runtime.RenderAsync(t, play.Language, folder, ct)));
        return Build(play, folder, texts.Zip(rendered).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
    }

    static MenuMedia Build(CallCommand.Play play, string folder, IReadOnlyDictionary<string, RuntimeSound> texts)
    {
        var media = new List<string>();
        var problems = new List<string>();
        foreach (var item in play.Items)
            switch (item)
            {
                case Spoken.Prompt p:
                    media.Add("sound:" + p.Id);
                    break;
                case Spoken.Value { Kind: ValueKind.Text } t when texts.TryGetValue(t.Text, out var sound):
                    if (sound.Sound is { } name) media.Add("sound:" + name);
                    else problems.Add($"playback {play.PlaybackId}: {sound.Problem}");
                    break;
                case Spoken.Value v:
                    try { media.AddRange(ValueSpeakers.Speak(v.Kind.ToString(), v.Text, play.Language).Select(id => "sound:" + id)); }
                    catch (SpokenValueException e) { problems.Add($"playback {play.PlaybackId}: {e.Message}"); }
                    break;
            }
        return new MenuMedia(media, folder, problems);
    }
}

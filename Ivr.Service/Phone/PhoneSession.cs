using Ivr.Ari.Errors;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;
using Ivr.Service.Speech;

namespace Ivr.Service.Phone;

/// <summary>
/// A terminal telephone: dials a number as a Local channel, shows each prompt the other side plays (its id
/// and catalogue text), sends the digits typed, and hangs up on request. The Local channel's `;1` leg is
/// our handset; its `;2` leg is the call the IVR sees.
/// </summary>
public sealed class PhoneSession(AriClient ari, PromptCatalog? catalog, TextWriter output)
{
    readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly string _handset = $"phone-{Guid.NewGuid():N}";
    string Line => _handset + "-ivr";

    public async Task<int> RunAsync(string number, string caller, string context, TextReader input, CancellationToken ct)
    {
        await using var events = new AriEventStream(ari, OnEventAsync);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        events.Connected += (_, _) => connected.TrySetResult();
        events.Start();
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(15), ct);

        await ari.Channels.OriginateWithIdAsync(_handset, $"Local/{number}@{context}", app: ari.Options.Application,
            callerId: caller, otherChannelId: Line, timeout: 30, cancellationToken: ct);
        output.WriteLine($"Dialling {number} from {caller}. Type digits and Enter to press keys, h to hang up.");

        // Console.In reads synchronously even through ReadLineAsync: keep it off this thread so the call's end is seen.
        var typing = Task.Run(() => ReadKeysAsync(input, ct), ct);
        var ended = await Task.WhenAny(_ended.Task, typing);
        if (ended == typing && !_ended.Task.IsCompleted)
        {
            await HangUpAsync(ct);
            await _ended.Task.WaitAsync(TimeSpan.FromSeconds(5), ct).ContinueWith(_ => { }, CancellationToken.None);
        }
        output.WriteLine(_ended.Task.IsCompleted ? $"Call ended ({_ended.Task.Result})." : "Call ended.");
        return 0;
    }

    async Task ReadKeysAsync(TextReader input, CancellationToken ct)
    {
        while (!_ended.Task.IsCompleted && await input.ReadLineAsync(ct) is { } line)
        {
            var keys = line.Trim();
            if (keys is "h" or "q" or "hangup") return;
            if (keys.Length == 0) continue;
            if (keys.Any(k => !"0123456789*#ABCD".Contains(k)))
            {
                output.WriteLine($"  '{keys}' is not a key: use 0-9, *, #, A-D, or h to hang up.");
                continue;
            }
            try { await ari.Channels.SendDTMFAsync(_handset, keys, cancellationToken: ct); }
            catch (AriException ex) when (ex.IsNotFound) { return; }
            output.WriteLine($"  pressed {keys}");
        }
    }

    async Task HangUpAsync(CancellationToken ct)
    {
        try { await ari.Channels.HangupAsync(_handset, reason: "normal", cancellationToken: ct); }
        catch (AriException ex) when (ex.IsNotFound) { }
    }

    ValueTask OnEventAsync(Message message, CancellationToken ct)
    {
        switch (message)
        {
            case PlaybackStarted { Playback: var p } when p.TargetUri == "channel:" + Line:
                output.WriteLine($"  ♪ {Describe(p.MediaUri, p.Language)}");
                break;
            case Dial { Dialstatus: "BUSY" or "CONGESTION" or "CHANUNAVAIL" } dial:
                _ended.TrySetResult(dial.Dialstatus.ToLowerInvariant());
                break;
            // Only the IVR leg's end counts: it shares a dispatch lane with that leg's playbacks, so the last
            // prompt is always shown before the call is reported ended.
            case ChannelDestroyed destroyed when destroyed.Channel.Id == Line:
                _ended.TrySetResult($"cause {destroyed.Cause}, {destroyed.CauseTxt}");
                break;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>"sound:welcome" in language "zh" → "welcome — 您好，…"; other media as they are.</summary>
    public string Describe(string mediaUri, string? language)
    {
        if (catalog is null || !mediaUri.StartsWith("sound:", StringComparison.Ordinal)) return mediaUri;
        var id = mediaUri["sound:".Length..];
        var folder = language ?? "";
        var slash = id.IndexOf('/');
        if (slash > 0 && catalog.LanguageFolders.Values.Contains(id[..slash])) (folder, id) = (id[..slash], id[(slash + 1)..]);
        if (!catalog.Prompts.TryGetValue(id, out var prompt)) return id;
        var lang = catalog.LanguageFolders.FirstOrDefault(l => l.Value == folder).Key ?? catalog.LanguageFolders.Keys.First();
        return prompt.Texts.TryGetValue(lang, out var text) ? $"{id} — {text}" : id;
    }
}

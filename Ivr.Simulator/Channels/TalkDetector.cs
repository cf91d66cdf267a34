using System.Globalization;
using Ivr.Ari.Models;
using Ivr.Simulator.Core;
using Ivr.Simulator.Media;

namespace Ivr.Simulator.Channels;

/// <summary>
/// TALK_DETECT on a channel, timed from the talk-detect trace: talking is noticed 80 ms into voice, and ends
/// <c>silence threshold</c> after voice gave way to silence <em>frames</em>; when no frames arrive it never ends.
/// </summary>
internal sealed class TalkDetector(Pbx pbx, SimChannel channel, TimeSpan silenceThreshold)
{
    public static readonly TimeSpan Reaction = TimeSpan.FromMilliseconds(80);
    public static readonly TimeSpan DefaultSilence = TimeSpan.FromMilliseconds(2500);

    bool talking;
    DateTimeOffset startedAt;
    IDisposable? pending;

    /// <summary><c>TALK_DETECT(set)=&lt;silence ms&gt;[,&lt;talking threshold&gt;]</c>; empty means the defaults.</summary>
    public static TimeSpan ParseSilence(string value)
    {
        var first = value.Split(',')[0].Trim();
        return first.Length > 0 && int.TryParse(first, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : DefaultSilence;
    }

    public void Heard(Sending sending)
    {
        pending?.Dispose();
        pending = null;
        switch (sending)
        {
            case Sending.Voice when !talking:
                pending = pbx.Clock.After(Reaction, () => pbx.Run(() =>
                {
                    if (channel.TalkDetector != this || channel.Gone || channel.In.Kind != Sending.Voice) return;
                    talking = true;
                    startedAt = pbx.Clock.Now;
                    pbx.ChannelEvents.Publish(channel, new ChannelTalkingStarted { Channel = channel.Snapshot() });
                }));
                break;
            case Sending.Silence when talking:
                var talkEnd = pbx.Clock.Now - pbx.Clock.Real(Reaction);
                pending = pbx.Clock.After(silenceThreshold - Reaction, () => pbx.Run(() =>
                {
                    if (channel.TalkDetector != this || channel.Gone || !talking) return;
                    talking = false;
                    var ms = (int)pbx.Clock.Simulated(talkEnd - startedAt).TotalMilliseconds;
                    pbx.ChannelEvents.Publish(channel, new ChannelTalkingFinished { Channel = channel.Snapshot(), Duration = Math.Max(ms, 0) });
                }));
                break;
        }
    }

    public void Remove()
    {
        pending?.Dispose();
        pending = null;
    }
}

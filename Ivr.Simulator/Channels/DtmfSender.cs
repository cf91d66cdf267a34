using Ivr.Ari.Models;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Channels;

/// <summary>
/// DTMF sent from a channel to its Local peer, timed as in the dtmf-burst trace: the first digit ends 200 ms after
/// it is sent, each next one <c>max(duration,100) + between</c> later; back-to-back requests queue in order.
/// </summary>
internal sealed class DtmfSender(Pbx pbx)
{
    public static readonly TimeSpan FirstDigit = TimeSpan.FromMilliseconds(200);
    public const int DefaultBetween = 100;
    public const int DefaultDuration = 100;

    /// <summary>Queues <paramref name="digits"/> on <paramref name="from"/>'s command queue, then sends them to its peer.</summary>
    public void Send(SimChannel from, string digits, int between, int duration, Action? sent = null) =>
        from.Control.Enqueue(() => Schedule(from, digits, between, duration, sent), sent);

    void Schedule(SimChannel from, string digits, int between, int duration, Action? sent)
    {
        var now = pbx.Clock.Now;
        var step = TimeSpan.FromMilliseconds(Math.Max(duration, 100) + Math.Max(between, 0));
        // DtmfFreeAt is a real instant; the scheduler takes simulated delays.
        var start = from.DtmfFreeAt > now ? pbx.Clock.Simulated(from.DtmfFreeAt - now) : TimeSpan.Zero;
        var valid = digits.Where(IsDtmf).Select(c => char.ToUpperInvariant(c).ToString()).ToList();
        if (valid.Count == 0)
        {
            sent?.Invoke();
            return;
        }
        var first = now + pbx.Clock.Real(start + FirstDigit);
        from.DtmfFreeAt = first + pbx.Clock.Real(step * (valid.Count - 1) + TimeSpan.FromMilliseconds(Math.Max(between, 0)));
        Next(from, valid, 0, first, step, sent);
    }

    /// <summary>Digits are chained, each timer set by the one before, so they can never overtake each other.</summary>
    void Next(SimChannel from, List<string> digits, int index, DateTimeOffset due, TimeSpan step, Action? sent)
    {
        var wait = due - pbx.Clock.Now;
        pbx.Clock.After(pbx.Clock.Simulated(wait < TimeSpan.Zero ? TimeSpan.Zero : wait), () => pbx.Run(() =>
        {
            Deliver(from, digits[index]);
            if (index + 1 < digits.Count) Next(from, digits, index + 1, due + pbx.Clock.Real(step), step, sent);
            else sent?.Invoke();
        }));
    }

    void Deliver(SimChannel from, string digit)
    {
        if (from.Gone || from.Peer is not { Gone: false } to) return;
        pbx.ChannelEvents.Publish(to, new ChannelDtmfReceived { Channel = to.Snapshot(), Digit = digit, DurationMs = 100 });
        pbx.Recorder.Dtmf(to, digit);
    }

    public static bool IsDtmf(char c) => c is >= '0' and <= '9' or '*' or '#' or >= 'A' and <= 'D' or >= 'a' and <= 'd';
}

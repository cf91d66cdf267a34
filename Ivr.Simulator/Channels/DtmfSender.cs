using Ivr.Ari.Models;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Channels;

/// <summary>
/// DTMF sent from a channel to its Local peer, timed as in the dtmf-burst trace: the first digit ends 200 ms after
/// it is sent, each next one <c>max(duration,100) + between</c> later, and the sender is busy for <c>between</c>
/// after its last digit.
/// </summary>
/// <remarks>
/// Asterisk sends DTMF as a command on the sending channel's control thread (<c>app_control_dtmf</c> sleeps through
/// <c>ast_dtmf_stream</c>), so a second request, and anything else queued on that channel, starts only once the first
/// has finished: <c>111</c> then <c>222</c> arrive as <c>111222</c>, 250 ms apart at the seam. Holding the channel's
/// command queue for that long keeps one chain of timers per channel: two requests with timers of their own could
/// interleave their digits whenever the machine fires timers late.
/// </remarks>
internal sealed class DtmfSender(Pbx pbx)
{
    public static readonly TimeSpan FirstDigit = TimeSpan.FromMilliseconds(200);
    public const int DefaultBetween = 100;
    public const int DefaultDuration = 100;

    /// <summary>Queues <paramref name="digits"/> on <paramref name="from"/>'s command queue, then sends them to its peer.</summary>
    public void Send(SimChannel from, string digits, int between, int duration, Action? sent = null) =>
        from.Control.Enqueue(() => Start(from, digits, between, duration, sent), sent);

    void Start(SimChannel from, string digits, int between, int duration, Action? sent)
    {
        var valid = digits.Where(IsDtmf).Select(c => char.ToUpperInvariant(c).ToString()).ToList();
        if (valid.Count == 0)
        {
            sent?.Invoke();
            return;
        }
        var sending = new Sending(from, valid, TimeSpan.FromMilliseconds(Math.Max(duration, 100) + Math.Max(between, 0)),
            TimeSpan.FromMilliseconds(Math.Max(between, 0)), sent);
        from.Control.Hold(sending);
        Next(sending, 0, pbx.Clock.Now + pbx.Clock.Real(FirstDigit));
    }

    sealed record Sending(SimChannel From, List<string> Digits, TimeSpan Step, TimeSpan After, Action? Sent);

    /// <summary>Each digit's timer is set by the one before, and the queue is freed by the last, so nothing overtakes.</summary>
    void Next(Sending s, int index, DateTimeOffset due) => At(due, () =>
    {
        Deliver(s.From, s.Digits[index]);
        if (index + 1 < s.Digits.Count)
        {
            Next(s, index + 1, due + pbx.Clock.Real(s.Step));
            return;
        }
        s.Sent?.Invoke();
        At(due + pbx.Clock.Real(s.After), () => s.From.Control.Release(s));
    });

    void At(DateTimeOffset due, Action action)
    {
        var wait = due - pbx.Clock.Now;
        pbx.Clock.After(pbx.Clock.Simulated(wait < TimeSpan.Zero ? TimeSpan.Zero : wait), () => pbx.Run(action));
    }

    void Deliver(SimChannel from, string digit)
    {
        if (from.Gone || from.Peer is not { Gone: false } to) return;
        pbx.ChannelEvents.Publish(to, new ChannelDtmfReceived { Channel = to.Snapshot(), Digit = digit, DurationMs = 100 });
        pbx.Recorder.Dtmf(to, digit);
    }

    public static bool IsDtmf(char c) => c is >= '0' and <= '9' or '*' or '#' or >= 'A' and <= 'D' or >= 'a' and <= 'd';
}

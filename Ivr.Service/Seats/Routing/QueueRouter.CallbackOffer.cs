using Ivr.Service.Seats.Config;

namespace Ivr.Service.Seats.Routing;

/// <summary>
/// The callback offered on entering a queue whose estimated wait is long (or that is closed): 1 keeps the caller's place
/// and calls back the caller id, 2 takes another number ended by #; anything else, or silence, keeps the caller waiting.
/// </summary>
public sealed partial class QueueRouter
{
    const int ShortestNumber = 5;
    const int LongestNumber = 20;

    async Task OfferCallbackIfLongAsync(QueuedCaller caller)
    {
        if (caller.Queue.CallbackOffer is not { } offer) return;
        var line = await _board.ViewAsync(caller.Queue, caller.BoardId);
        if (line.Position == 0 || WaitEstimate.Wait(line) <= offer.Above) return;
        LogCallbackOffered(_logger, caller.ChannelId, caller.Queue.Name, (int)WaitEstimate.Wait(line).TotalSeconds);
        await OfferCallbackAsync(caller, offer);
    }

    async Task OfferCallbackAsync(QueuedCaller caller, CallbackOfferSettings offer)
    {
        caller.Stage = OfferStage.Offered;
        await StopPromptAsync(caller);
        await PlayToCallerAsync(caller, ["sound:" + offer.Prompt]);
    }

    /// <summary>A prompt of the caller ended: after the offer the caller has a while to key; after the farewell the call ends.</summary>
    async Task PromptFinishedAsync(QueuedCaller caller, string playback)
    {
        if (caller.Announcing == playback) caller.Announcing = null;
        if (caller.Farewell == playback)
        {
            await HangUpAsync(caller.ChannelId);
            return;
        }
        if (caller.Stage != OfferStage.None && caller.Queue.CallbackOffer is { } offer && caller.Announcing is null) ArmKeyTimer(caller, offer);
    }

    void ArmKeyTimer(QueuedCaller caller, CallbackOfferSettings offer)
    {
        caller.KeyTimer?.Dispose();
        caller.KeyTimer = _time.CreateTimer(_ => _ = Guarded(caller, () => CallbackDeclinedAsync(caller)), null, offer.KeyTimeout, Timeout.InfiniteTimeSpan);
    }

    async Task CallbackKeyAsync(QueuedCaller caller, string digit)
    {
        if (caller.Queue.CallbackOffer is not { } offer || caller.Phase is not CallerPhase.Waiting) return;
        switch (caller.Stage, digit)
        {
            case (OfferStage.Offered, "1"):
                await CallbackAcceptedAsync(caller, caller.Request.Caller);
                break;
            case (OfferStage.Offered, "2"):
                caller.Stage = OfferStage.Number;
                caller.Digits.Clear();
                caller.KeyTimer?.Dispose();
                await StopPromptAsync(caller);
                await PlayToCallerAsync(caller, ["sound:" + offer.NumberPrompt]);
                break;
            case (OfferStage.Number, "#"):
                var number = caller.Digits.ToString();
                if (number.Length is >= ShortestNumber and <= LongestNumber)
                {
                    await CallbackAcceptedAsync(caller, number);
                    break;
                }
                // Too short or too long: the caller hears the question again and keys afresh.
                caller.Digits.Clear();
                caller.KeyTimer?.Dispose();
                await StopPromptAsync(caller);
                await PlayToCallerAsync(caller, ["sound:" + offer.NumberPrompt]);
                break;
            case (OfferStage.Number, [var d]) when char.IsAsciiDigit(d):
                // The first key stops the question; each key gives the caller the timeout again for the next.
                await StopPromptAsync(caller);
                caller.Digits.Append(d);
                ArmKeyTimer(caller, offer);
                break;
            default:
                await CallbackDeclinedAsync(caller);
                break;
        }
    }

    /// <summary>No callback: a caller in line keeps waiting with the music; a caller of a closed queue goes on in the menu.</summary>
    async Task CallbackDeclinedAsync(QueuedCaller caller)
    {
        if (caller.Stage == OfferStage.None || caller.Phase != CallerPhase.Waiting) return;
        caller.Stage = OfferStage.None;
        caller.KeyTimer?.Dispose();
        caller.KeyTimer = null;
        await StopPromptAsync(caller);
        if (!caller.InLine) await FinishUnservedAsync(caller);
    }

    /// <summary>
    /// The caller takes the callback: out of line keeping the line score, the callback registered in that place, the
    /// confirmation played, and the call ended after it.
    /// </summary>
    async Task CallbackAcceptedAsync(QueuedCaller caller, string number)
    {
        caller.Stage = OfferStage.None;
        // False when a seat was offered at this very moment: the caller is about to talk to it instead.
        if (caller.InLine && !await _board.LeaveAsync(caller.BoardId, abandoned: false)) return;
        var queue = caller.Queue;
        caller.Phase = CallerPhase.Done;
        caller.StopTimers();
        await StopPromptAsync(caller);
        await LeaveHoldAsync(caller);
        try
        {
            var id = await _callbacks.RegisterAsync(queue, number, caller.BoardId);
            LogCallbackRegistered(_logger, caller.ChannelId, id, queue.Name);
        }
        catch (ArgumentException e)
        {
            LogCallbackRefused(_logger, caller.ChannelId, e.Message);
        }
        caller.Farewell = await PlayToCallerAsync(caller, ["sound:" + queue.CallbackOffer!.DonePrompt]);
        _ = MatchSoonAsync(queue);
    }

    [LoggerMessage(EventId = 7023, Level = LogLevel.Information, Message = "call {Channel}: queue {Queue} expects a wait of {Seconds} s; callback offered")]
    static partial void LogCallbackOffered(ILogger logger, string channel, string queue, int seconds);
}

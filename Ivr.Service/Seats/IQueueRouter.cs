using Ivr.Ari;
using Ivr.Ari.Models;

namespace Ivr.Service.Seats;

/// <summary>A caller a menu hands to live seats; Language is the catalogue language, SoundFolder its Asterisk folder.</summary>
public sealed record QueueRequest(string ChannelId, string Queue, string? Skill, int Priority, string Caller, string Language, string SoundFolder);

/// <summary>
/// Live seats as the menu calls see them. The call host hands every ARI event to <see cref="OnEventAsync"/> first:
/// seat legs this service originated and the keys of queued callers belong to the router.
/// </summary>
public interface IQueueRouter
{
    /// <summary>
    /// Puts the caller in line. False when the queue refuses the caller (closed, full, nobody logged in); otherwise
    /// <paramref name="finished"/> is called exactly once, later, with whether a seat talked to the caller.
    /// </summary>
    Task<bool> EnterAsync(AriClient ari, QueueRequest request, Func<bool, Task> finished, CancellationToken ct);

    /// <summary>
    /// Goes on with a caller taken over from an instance that is gone (its menu call waits for a seat): the caller keeps
    /// its place in line (queue, skill and priority are the board's, not the request's). False when the board has no
    /// such caller waiting; otherwise <paramref name="finished"/> is called as for <see cref="EnterAsync"/>.
    /// </summary>
    Task<bool> ResumeAsync(AriClient ari, QueueRequest request, Func<bool, Task> finished, CancellationToken ct);

    /// <summary>
    /// Registers a callback to <paramref name="number"/> for the call on <paramref name="channelId"/>, in its old place in line
    /// when it left the queue for it; false (logged) when the queue or number is refused. A second registration is a no-op.
    /// </summary>
    Task<bool> RegisterCallbackAsync(string queue, string number, string channelId);

    /// <summary>True when the event was the router's alone; the host then does not handle it.</summary>
    ValueTask<bool> OnEventAsync(AriClient ari, Message message, CancellationToken ct);
}

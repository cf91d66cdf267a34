using Ivr.Ari.Models;

namespace Ivr.Service.Calls.Outbound;

/// <summary>
/// Sees every event of the Stasis application before the menu calls do: outbound dials follow their own channels'
/// Dial, hang-up and destruction events there, because Asterisk serves one application over one socket at a time.
/// </summary>
public interface IOutboundChannels
{
    ValueTask OnEventAsync(Message message, CancellationToken ct);
}

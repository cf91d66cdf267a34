using System.Text.Json;

namespace Ivr.Ari.Models;

/// <summary>A message whose <c>type</c> is not in the ARI description we were generated from; kept raw.</summary>
public sealed record UnknownMessage : Message
{
    /// <summary>The whole message as received.</summary>
    public JsonElement Raw { get; init; }
}

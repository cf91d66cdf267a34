namespace Ivr.Ari.Events;

/// <summary>The lane an event is dispatched on: events with the same key are handled in order, different keys concurrently.</summary>
public readonly partial record struct AriEventKey(AriEventKeyKind Kind, string Id)
{
    /// <summary>The lane for events about no channel or bridge (application and device events, unknown types).</summary>
    public static readonly AriEventKey Global = new(AriEventKeyKind.Global, "");

    public static AriEventKey Channel(string id) => new(AriEventKeyKind.Channel, id);

    public static AriEventKey Bridge(string id) => new(AriEventKeyKind.Bridge, id);

    /// <summary>The lane of a playback's or recording's <c>target_uri</c> (<c>channel:ID</c> or <c>bridge:ID</c>).</summary>
    public static AriEventKey FromTargetUri(string uri)
    {
        var colon = uri.IndexOf(':');
        if (colon < 0) return Global;
        var scheme = uri.AsSpan(0, colon);
        return scheme.SequenceEqual("channel") ? Channel(uri[(colon + 1)..])
            : scheme.SequenceEqual("bridge") ? Bridge(uri[(colon + 1)..])
            : Global;
    }

    public override string ToString() => Kind == AriEventKeyKind.Global ? "global" : $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}

/// <summary>What an <see cref="AriEventKey"/> names.</summary>
public enum AriEventKeyKind
{
    Global,
    Channel,
    Bridge,
}

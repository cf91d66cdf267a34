namespace Ivr.Service.Calls.Outbound;

/// <summary>Section <c>Outbound</c>: how this deployment reaches taxpayers' phones.</summary>
public sealed record OutboundDialOptions
{
    /// <summary>
    /// The ARI endpoint with <c>{phone}</c> for the number: <c>Local/{phone}@outbound</c> through the dialplan's outbound
    /// context (asterisk-config/extensions.conf, which dials the trunk), or <c>PJSIP/{phone}@trunk</c> straight out.
    /// </summary>
    public string DialTemplate { get; init; } = "Local/{phone}@outbound";

    /// <summary>The caller id taxpayers see.</summary>
    public string CallerId { get; init; } = "12366";

    /// <summary>How long a taxpayer's phone rings before a campaign call counts as not answered.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Trunk channels this instance may hold at once; a dial beyond them answers TrunkFull without dialling.</summary>
    public int MaxChannels { get; init; } = 30;

    /// <summary>Longest a call may last before the dialer stops waiting for it (it is then looked up like a crash).</summary>
    public TimeSpan MaxCallLength { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>After the dialled channel is gone, how long to wait for the far leg's cause (a Local channel's <c>;2</c>).</summary>
    public TimeSpan FarLegGrace { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        if (!DialTemplate.Contains("{phone}", StringComparison.Ordinal) || !DialTemplate.Contains('/'))
            throw new InvalidOperationException($"Outbound:DialTemplate '{DialTemplate}' must be an ARI endpoint with {{phone}}, e.g. Local/{{phone}}@outbound or PJSIP/{{phone}}@trunk");
        if (MaxChannels < 1) throw new InvalidOperationException($"Outbound:MaxChannels must be at least 1 (is {MaxChannels})");
        if (RingTimeout < TimeSpan.FromSeconds(1)) throw new InvalidOperationException($"Outbound:RingTimeout must be at least 1 s (is {RingTimeout})");
        if (MaxCallLength <= TimeSpan.Zero) throw new InvalidOperationException("Outbound:MaxCallLength must be positive");
    }
}

namespace Ivr.Tests.RealAsterisk;

/// <summary>
/// Runs only when IVR_ARI_URL names a real Asterisk loaded with asterisk-config/ (and, for a test that
/// <see cref="RestartsAsterisk"/>, IVR_ASTERISK_RESTART is the shell command that restarts it, and for one that
/// <see cref="Needs"/> a SIP peer, that variable too); otherwise skipped, saying why.
/// </summary>
public sealed class RealAsteriskFactAttribute : FactAttribute
{
    /// <summary>The shell command that restarts the real Asterisk, e.g. <c>asterisk -rx 'core restart now'</c>.</summary>
    public static string? RestartCommand => Environment.GetEnvironmentVariable("IVR_ASTERISK_RESTART") is { Length: > 0 } c ? c : null;

    /// <summary>The test restarts Asterisk, so it also needs IVR_ASTERISK_RESTART.</summary>
    public bool RestartsAsterisk { get; set; }

    /// <summary>An environment variable the test also needs, naming a SIP peer of the lab (<see cref="PjsipLab"/>).</summary>
    public string? Needs { get; set; }

    public override string Skip
    {
        get => RealAsteriskSettings.FromEnvironment() is null
            ? "IVR_ARI_URL is not set: no real Asterisk to call (the simulator tests cover this path; docs/deploy.md step 7)"
            : RestartsAsterisk && RestartCommand is null
                ? "IVR_ASTERISK_RESTART is not set: no command to restart the real Asterisk with (docs/deploy.md step 7)"
                : Needs is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Needs))
                    ? $"{Needs} is not set: {PjsipLab.Describe(Needs)} (docs/deploy.md, Verified with PJSIP)"
                    : base.Skip;
        set => base.Skip = value;
    }
}

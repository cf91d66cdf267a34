namespace Ivr.Tests.RealAsterisk;

/// <summary>Runs only when IVR_ARI_URL names a real Asterisk loaded with asterisk-config/; otherwise skipped, saying why.</summary>
public sealed class RealAsteriskFactAttribute : FactAttribute
{
    public RealAsteriskFactAttribute()
    {
        if (RealAsteriskSettings.FromEnvironment() is null)
            Skip = "IVR_ARI_URL is not set: no real Asterisk to call (the simulator tests cover this path; docs/deploy.md step 7)";
    }
}

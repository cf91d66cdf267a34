namespace Ivr.Tests.RealAsterisk;

/// <summary>
/// Every test on the real Asterisk, one at a time: they share its Stasis application names, and a second socket for a name
/// takes the application over from the first (traces README, ws-reconnect).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealAsteriskCollection : ICollectionFixture<RealAsteriskRig>
{
    public const string Name = "real asterisk";
}

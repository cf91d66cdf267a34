namespace Ivr.Tests.Conformance.Sounds;

/// <summary>
/// How long a sound played in the traces. Exact when a playback of it ran to its end; otherwise only a lower
/// bound (it was stopped or hung up on first). Missing when Asterisk skipped it at once (no such file).
/// </summary>
public sealed record SoundLength(string Name, TimeSpan Duration, bool Exact, bool Missing);

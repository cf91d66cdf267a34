namespace Ivr.Tests.Conformance.Sounds;

/// <summary>
/// A temporary sounds directory (`&lt;dir&gt;/en/&lt;name&gt;.wav`) with a silent file per sound the traces played,
/// each as long as it played there. A sound only known to last at least so long gets
/// <see cref="BoundMargin"/> more, so that it outlasts the stop or hangup the trace made.
/// </summary>
public sealed class SoundFixtures : IDisposable
{
    public static readonly TimeSpan BoundMargin = TimeSpan.FromSeconds(2);

    public string Directory { get; }

    public SoundFixtures(IEnumerable<SoundLength> sounds)
    {
        Directory = Path.Combine(Path.GetTempPath(), "ivr-conformance-sounds-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var sound in sounds.Where(s => !s.Missing))
            SilentWav.Write(Path.Combine(Directory, "en", sound.Name + ".wav"), sound.Exact ? sound.Duration : sound.Duration + BoundMargin);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* the simulator may still hold a file open; the temp folder is the OS's to clean */ }
    }
}

namespace Ivr.Service.Speech.Runtime;

/// <summary>
/// The rendered texts on disk, &lt;root&gt;/&lt;folder&gt;/runtime/&lt;hash&gt;.wav and .sln16, kept to a number of files:
/// a file's write time is its last use, and the least recently used go first.
/// </summary>
public sealed class RuntimeSoundCache(string root, int maxFiles)
{
    /// <summary>The sub-folder of each language folder that holds rendered texts, so they never mix with catalogue prompts.</summary>
    public const string Folder = "runtime";

    int _pruning;

    /// <summary>Where the 8 kHz WAV of <paramref name="name"/> lives for the language folder <paramref name="folder"/>.</summary>
    public string WavPath(string folder, string name) => Path.Combine(root, folder, Folder, name + ".wav");

    /// <summary>The file is there: marks it used now and says so.</summary>
    public bool TryHit(string wavPath)
    {
        if (!File.Exists(wavPath)) return false;
        try { File.SetLastWriteTimeUtc(wavPath, DateTime.UtcNow); }
        catch (IOException) { return File.Exists(wavPath); /* pruned meanwhile, or read-only: it still plays if present */ }
        catch (UnauthorizedAccessException) { /* a read-only shared mount still serves the file */ }
        return true;
    }

    /// <summary>Deletes the least recently used renders beyond the limit; one prune at a time, others skip.</summary>
    public void Prune()
    {
        if (Interlocked.Exchange(ref _pruning, 1) == 1) return;
        try
        {
            if (!Directory.Exists(root)) return;
            var files = Directory.EnumerateDirectories(root)
                .Select(d => Path.Combine(d, Folder))
                .Where(Directory.Exists)
                .SelectMany(d => new DirectoryInfo(d).EnumerateFiles("*.wav"))
                .OrderByDescending(f => f.LastWriteTimeUtc)
                .Skip(maxFiles);
            foreach (var old in files)
            {
                File.Delete(Path.ChangeExtension(old.FullName, ".sln16"));
                old.Delete();
            }
        }
        finally
        {
            Volatile.Write(ref _pruning, 0);
        }
    }
}

namespace Ivr.Tests.Speech;

/// <summary>A folder under the system temp directory, deleted with everything in it when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ivr-speech-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a catalogue file with the given prompts section and returns its path.</summary>
    public string WriteCatalog(string prompts)
    {
        var file = Combine("catalog.yaml");
        File.WriteAllText(file, "languages:\n  zh-CN: zh\n  en-US: en\nprompts:\n" + prompts);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

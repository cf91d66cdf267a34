namespace Ivr.Simulator.Media;

/// <summary>Reads the length of a PCM WAV file and writes silent/tone WAV files for recordings.</summary>
internal static class WavFile
{
    /// <summary>Playing time from the RIFF header (data bytes / byte rate); null when the file is not a WAV we can read.</summary>
    public static TimeSpan? Duration(string path)
    {
        try
        {
            using var f = File.OpenRead(path);
            using var r = new BinaryReader(f);
            if (new string(r.ReadChars(4)) != "RIFF") return null;
            r.ReadInt32();
            if (new string(r.ReadChars(4)) != "WAVE") return null;
            var byteRate = 0;
            while (f.Position + 8 <= f.Length)
            {
                var id = new string(r.ReadChars(4));
                var size = r.ReadInt32();
                if (id == "fmt ")
                {
                    var fmt = r.ReadBytes(size);
                    byteRate = BitConverter.ToInt32(fmt, 8);
                }
                else if (id == "data")
                {
                    if (byteRate <= 0) return null;
                    var bytes = Math.Min(size, f.Length - f.Position);
                    return TimeSpan.FromSeconds((double)bytes / byteRate);
                }
                else f.Seek(size + (size & 1), SeekOrigin.Current);
            }
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Writes 8 kHz 16-bit mono PCM, Asterisk's <c>wav</c> format; <paramref name="sound"/> marks stretches with audio.</summary>
    public static void Write(string path, TimeSpan length, Func<TimeSpan, bool> sound)
    {
        const int rate = 8000;
        var samples = (int)(length.TotalSeconds * rate);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var f = File.Create(path);
        using var w = new BinaryWriter(f);
        w.Write("RIFF"u8);
        w.Write(36 + samples * 2);
        w.Write("WAVE"u8);
        w.Write("fmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(rate);
        w.Write(rate * 2);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            // A 400 Hz tone where the caller was heard, silence elsewhere: enough for a listener to tell them apart.
            var on = sound(TimeSpan.FromSeconds((double)i / rate));
            w.Write(on ? (short)(8000 * Math.Sin(2 * Math.PI * 400 * i / rate)) : (short)0);
        }
    }
}

using System.Buffers.Binary;

namespace Ivr.Service.Speech.Audio;

/// <summary>The format of a RIFF/WAVE file, as Asterisk's format_wav checks it.</summary>
public sealed record WavInfo(int AudioFormat, int Channels, int SampleRate, int BitsPerSample, long DataBytes)
{
    public const int Pcm = 1;

    /// <summary>Length of the audio in the data chunk.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)DataBytes / (SampleRate * Channels * (BitsPerSample / 8)));

    /// <summary>Reads the header of a WAV file; a file that is not RIFF/WAVE with fmt and data chunks is refused naming the file.</summary>
    public static WavInfo Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads the header from a stream positioned at the start of the file; <paramref name="name"/> is used in errors.</summary>
    public static WavInfo Read(Stream stream, string name)
    {
        Span<byte> head = stackalloc byte[12];
        if (stream.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12
            || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException($"{name}: not a RIFF/WAVE file");
        WavInfo? format = null;
        Span<byte> chunk = stackalloc byte[8];
        while (stream.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16) throw new InvalidDataException($"{name}: fmt chunk is {size} bytes, expected at least 16");
                var fmt = new byte[size];
                stream.ReadExactly(fmt);
                format = new WavInfo(
                    BinaryPrimitives.ReadUInt16LittleEndian(fmt),
                    BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2)),
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(4)),
                    BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14)),
                    0);
                if (size % 2 == 1) stream.ReadByte();
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (format is null) throw new InvalidDataException($"{name}: data chunk before the fmt chunk");
                return format with { DataBytes = size };
            }
            else stream.Seek(size + size % 2, SeekOrigin.Current);
        }
        throw new InvalidDataException($"{name}: no {(format is null ? "fmt" : "data")} chunk");
    }

    /// <summary>Wraps raw 16-bit mono PCM (an Asterisk sln/sln16 recording) in a WAV header, as Azure speech-to-text wants it.</summary>
    public static byte[] WrapPcm16Mono(ReadOnlySpan<byte> pcm, int sampleRate)
    {
        var wav = new byte[44 + pcm.Length];
        var s = wav.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(36 + pcm.Length));
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], Pcm);
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], (uint)(sampleRate * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[40..], (uint)pcm.Length);
        pcm.CopyTo(s[44..]);
        return wav;
    }
}

using System.Buffers.Binary;

namespace Ivr.Service.Speech.Audio;

/// <summary>
/// Turns a stored Asterisk recording into the 16 kHz 16-bit mono WAV Azure speech-to-text takes: `sln16` is raw
/// 16 kHz and only needs a header; `wav` and `sln` are 8 kHz (narrowband calls) and are upsampled.
/// </summary>
public static class RecordedAudio
{
    public static byte[] ToWav16k(byte[] recording, string format)
    {
        if (recording.AsSpan().StartsWith("RIFF"u8))
        {
            using var stream = new MemoryStream(recording, writable: false);
            var info = WavInfo.Read(stream, $"recording ({format})");
            if (info is not { AudioFormat: WavInfo.Pcm, Channels: 1, BitsPerSample: 16, SampleRate: 8000 or 16000 })
                throw new InvalidDataException($"recording ({format}) is {info}; expected 16-bit mono PCM at 8 or 16 kHz");
            var pcm = recording.AsSpan((int)stream.Position, (int)Math.Min(info.DataBytes, recording.Length - stream.Position));
            return info.SampleRate == 16000 ? WavInfo.WrapPcm16Mono(pcm, 16000) : WavInfo.WrapPcm16Mono(Upsample8kTo16k(pcm), 16000);
        }
        return format switch
        {
            "sln16" => WavInfo.WrapPcm16Mono(recording, 16000),
            "sln" => WavInfo.WrapPcm16Mono(Upsample8kTo16k(recording), 16000),
            _ => throw new InvalidDataException($"recording format '{format}' is neither WAV nor raw signed linear (sln, sln16)"),
        };
    }

    /// <summary>Doubles the sample rate by inserting the mean of each pair of neighbours: enough for speech band-limited to 4 kHz.</summary>
    static byte[] Upsample8kTo16k(ReadOnlySpan<byte> pcm)
    {
        var samples = pcm.Length / 2;
        var output = new byte[samples * 4];
        for (var i = 0; i < samples; i++)
        {
            var current = BinaryPrimitives.ReadInt16LittleEndian(pcm[(i * 2)..]);
            var next = i + 1 < samples ? BinaryPrimitives.ReadInt16LittleEndian(pcm[((i + 1) * 2)..]) : current;
            BinaryPrimitives.WriteInt16LittleEndian(output.AsSpan(i * 4), current);
            BinaryPrimitives.WriteInt16LittleEndian(output.AsSpan(i * 4 + 2), (short)((current + next) / 2));
        }
        return output;
    }
}

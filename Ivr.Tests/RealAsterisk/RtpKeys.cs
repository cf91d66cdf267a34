using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Ivr.Tests.RealAsterisk;

/// <summary>
/// Keys pressed on the carrier's side of a call, as RFC 4733 telephone-events (payload type 101, as offered) on the call's
/// RTP stream, preceded by A-law silence: Asterisk's strict RTP accepts a source only after a few packets in sequence.
/// </summary>
public sealed partial class RtpKeys(UdpClient socket, IPEndPoint asterisk)
{
    const byte Pcma = 8, TelephoneEvent = 101;
    const int Samples = 160; // 20 ms at 8 kHz
    static readonly TimeSpan Packet = TimeSpan.FromMilliseconds(20);

    readonly uint _ssrc = (uint)Random.Shared.Next();
    ushort _sequence = (ushort)Random.Shared.Next(ushort.MaxValue);
    uint _timestamp = (uint)Random.Shared.Next();
    bool _started;

    /// <summary>Where Asterisk wants the call's audio, from the c= and m=audio lines of its SDP answer.</summary>
    public static IPEndPoint AnswerAddress(string sdp)
    {
        var address = ConnectionLine().Match(sdp);
        var media = AudioLine().Match(sdp);
        if (!address.Success || !media.Success) throw new FormatException($"Asterisk's SDP answer has no c=IN IP4 / m=audio line: {sdp}");
        return new IPEndPoint(IPAddress.Parse(address.Groups[1].Value), int.Parse(media.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task PressAsync(string keys)
    {
        if (!_started)
        {
            for (var i = 0; i < 10; i++) await SilenceAsync();
            _started = true;
        }
        foreach (var key in keys)
        {
            var code = (byte)"0123456789*#".IndexOf(key, StringComparison.Ordinal);
            if (code > 11) throw new ArgumentException($"'{key}' in '{keys}' is not a telephone key (0-9, *, #)", nameof(keys));
            // Each update carries the duration so far; the end is sent three times, as RFC 4733 §2.5.1.4 advises.
            for (var n = 1; n <= 5; n++) await SendAsync(TelephoneEvent, n == 1, Event(code, end: false, n * Samples), advance: false);
            for (var n = 0; n < 3; n++) await SendAsync(TelephoneEvent, false, Event(code, end: true, 6 * Samples), advance: false);
            _timestamp += 6 * Samples;
            for (var i = 0; i < 5; i++) await SilenceAsync();
        }
    }

    static byte[] Event(byte code, bool end, int duration)
    {
        var payload = new byte[4];
        payload[0] = code;
        payload[1] = (byte)((end ? 0x80 : 0) | 10); // volume -10 dBm0
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), (ushort)duration);
        return payload;
    }

    Task SilenceAsync() => SendAsync(Pcma, false, Enumerable.Repeat((byte)0xD5, Samples).ToArray(), advance: true);

    async Task SendAsync(byte payloadType, bool marker, byte[] payload, bool advance)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), _timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), _ssrc);
        payload.CopyTo(packet, 12);
        if (advance) _timestamp += Samples;
        await socket.SendAsync(packet, packet.Length, asterisk);
        await Task.Delay(Packet);
    }

    [GeneratedRegex(@"c=IN IP4 ([0-9.]+)")]
    private static partial Regex ConnectionLine();

    [GeneratedRegex(@"m=audio (\d+) ")]
    private static partial Regex AudioLine();
}

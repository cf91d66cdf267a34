using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ivr.Tests.RealAsterisk;

/// <summary>
/// The carrier's side of one call over the SIP trunk: an INVITE with a G.711 A-law offer sent over UDP from an address the
/// trunk's <c>identify</c> matches, the ACK to its answer, BYE to hang up, and 200 OK to what Asterisk sends in the dialog.
/// Keys go out as RFC 4733 events on the call's RTP; what Asterisk plays is not listened to: the tests look at the call through ARI.
/// </summary>
public sealed class SipCarrierCall : IAsyncDisposable
{
    readonly UdpClient _sip;
    readonly UdpClient _rtp;
    readonly IPEndPoint _asterisk;
    readonly string _callId = Guid.NewGuid().ToString("N") + "@ivr-tests";
    readonly string _fromTag = Guid.NewGuid().ToString("N")[..10];
    readonly string _inviteBranch = "z9hG4bK" + Guid.NewGuid().ToString("N");
    readonly string _number;
    readonly string _caller;
    readonly CancellationTokenSource _stop = new();
    readonly TaskCompletionSource<SipMessage> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource<SipMessage> _byeAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _hungUpByAsterisk = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Task _receiving;
    string? _to;
    RtpKeys? _keys;

    SipCarrierCall(IPAddress from, IPEndPoint asterisk, string number, string caller)
    {
        _sip = new UdpClient(new IPEndPoint(from, 0));
        _rtp = new UdpClient(new IPEndPoint(from, 0));
        _asterisk = asterisk;
        _number = number;
        _caller = caller;
        _receiving = ReceiveAsync();
    }

    IPEndPoint Local => (IPEndPoint)_sip.Client.LocalEndPoint!;

    /// <summary>The carrier calls <paramref name="number"/> from <paramref name="caller"/> (sent as From and P-Asserted-Identity).</summary>
    public static async Task<SipCarrierCall> InviteAsync(IPAddress from, IPEndPoint asterisk, string number, string caller)
    {
        var call = new SipCarrierCall(from, asterisk, number, caller);
        await call.SendAsync(call.Invite());
        return call;
    }

    /// <summary>Waits for the final response to the INVITE; an answer is acknowledged, anything else fails the test.</summary>
    public async Task AnsweredAsync()
    {
        var final = await _answer.Task.WaitAsync(RealCaller.Wait);
        if (final.Status != 200) throw new InvalidOperationException($"Asterisk answered the carrier's INVITE with '{final.FirstLine}'");
    }

    /// <summary>Presses <paramref name="keys"/> on the carrier's side: RFC 4733 events on the answered call's RTP.</summary>
    public async Task PressAsync(string keys)
    {
        var answer = await _answer.Task.WaitAsync(RealCaller.Wait);
        _keys ??= new RtpKeys(_rtp, RtpKeys.AnswerAddress(answer.Body));
        await _keys.PressAsync(keys);
    }

    /// <summary>Hangs up with BYE and waits for Asterisk's 200 OK.</summary>
    public async Task HangUpAsync()
    {
        if (_hungUpByAsterisk.Task.IsCompleted) return;
        await SendAsync(Request("BYE", 2, ""));
        var ok = await _byeAnswered.Task.WaitAsync(RealCaller.Wait);
        if (ok.Status != 200) throw new InvalidOperationException($"Asterisk answered the carrier's BYE with '{ok.FirstLine}'");
    }

    string Invite()
    {
        var rtp = (IPEndPoint)_rtp.Client.LocalEndPoint!;
        var sdp = $"v=0\r\no=carrier 1 1 IN IP4 {rtp.Address}\r\ns=-\r\nc=IN IP4 {rtp.Address}\r\nt=0 0\r\n" +
                  $"m=audio {rtp.Port} RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
        return Request("INVITE", 1, $"P-Asserted-Identity: <sip:{_caller}@{Local.Address}>\r\nContent-Type: application/sdp\r\n", sdp);
    }

    // The ACK of a failure belongs to the INVITE's transaction (same branch); every other request starts its own.
    string Request(string method, int cseq, string extra, string body = "", bool inInviteTransaction = false) =>
        $"{method} sip:{_number}@{_asterisk} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP {Local};rport;branch={(method == "INVITE" || inInviteTransaction ? _inviteBranch : "z9hG4bK" + Guid.NewGuid().ToString("N"))}\r\n" +
        $"Max-Forwards: 70\r\nFrom: <sip:{_caller}@{Local.Address}>;tag={_fromTag}\r\nTo: {_to ?? $"<sip:{_number}@{_asterisk.Address}>"}\r\n" +
        $"Call-ID: {_callId}\r\nCSeq: {cseq} {method}\r\nContact: <sip:{_caller}@{Local}>\r\nUser-Agent: ivr-tests-carrier\r\n" +
        extra + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n" + body;

    async Task SendAsync(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        await _sip.SendAsync(bytes, bytes.Length, _asterisk);
    }

    async Task ReceiveAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try { datagram = await _sip.ReceiveAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { continue; }
            var message = SipMessage.Parse(datagram.Buffer);
            if (message.Status == 0)
            {
                // Asterisk ends the call (the service hung up) or asks whether the carrier is there: both are simply accepted.
                await SendAsync(message.Ok());
                if (message.Method == "BYE") _hungUpByAsterisk.TrySetResult();
            }
            else if (message.Method == "INVITE" && message.Status >= 200)
            {
                _to = message.Header("To");
                _answer.TrySetResult(message);
                // Every (re)transmitted final response gets its ACK, or Asterisk keeps sending it and then drops the call.
                await SendAsync(Request("ACK", 1, "", inInviteTransaction: message.Status != 200));
            }
            else if (message.Method == "BYE" && message.Status >= 200) _byeAnswered.TrySetResult(message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_answer.Task is { IsCompletedSuccessfully: true, Result.Status: 200 })
        {
            try { await HangUpAsync(); }
            catch (TimeoutException) { }
        }
        await _stop.CancelAsync();
        await _receiving;
        _sip.Dispose();
        _rtp.Dispose();
        _stop.Dispose();
    }
}

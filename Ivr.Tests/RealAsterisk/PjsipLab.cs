using System.Net;

namespace Ivr.Tests.RealAsterisk;

/// <summary>
/// The SIP side of a real Asterisk loaded with asterisk-config/pjsip.conf: IVR_PJSIP_SEAT, a seat whose softphone is registered
/// and answers by itself (e.g. pjsua --auto-answer=200); IVR_PJSIP_CARRIER, a local address the trunk's <c>identify</c> matches,
/// which the tests send the carrier's calls from; IVR_PJSIP_ADDRESS, Asterisk's SIP transport (default 127.0.0.1:5060).
/// </summary>
public static class PjsipLab
{
    public const string SeatVariable = "IVR_PJSIP_SEAT";
    public const string CarrierVariable = "IVR_PJSIP_CARRIER";

    public static string Seat => Required(SeatVariable);

    public static IPAddress Carrier => IPAddress.TryParse(Required(CarrierVariable), out var a) ? a
        : throw new InvalidOperationException($"{CarrierVariable} '{Required(CarrierVariable)}' is not an IP address such as 127.0.0.2");

    public static IPEndPoint Asterisk
    {
        get
        {
            var text = Environment.GetEnvironmentVariable("IVR_PJSIP_ADDRESS") is { Length: > 0 } t ? t : "127.0.0.1:5060";
            return IPEndPoint.TryParse(text, out var e) && e.Port != 0 ? e
                : throw new InvalidOperationException($"IVR_PJSIP_ADDRESS '{text}' is not an address with a port such as 127.0.0.1:5060");
        }
    }

    /// <summary>What the variable stands for, for the message of a skipped test.</summary>
    public static string Describe(string variable) => variable switch
    {
        SeatVariable => "no registered softphone seat to dial",
        CarrierVariable => "no address the trunk's identify matches to call from",
        _ => "the test needs it",
    };

    static string Required(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v
        : throw new InvalidOperationException($"{variable} is not set");
}

namespace Ivr.Simulator.Channels;

/// <summary>Q.850 cause texts as Asterisk's <c>ast_cause2str</c> spells them.</summary>
internal static class HangupCauses
{
    public const int Unknown = 0;
    public const int Shutdown = 4; // the shutdown soft-hangup flag, reported as a cause by ChannelHangupRequest
    public const int NormalClearing = 16;
    public const int UserBusy = 17;
    public const int NoAnswer = 19;
    public const int Congestion = 34;
    public const int SoftHangupExplicit = 32; // AST_SOFTHANGUP_EXPLICIT, what a REST DELETE reports

    public static string Text(int cause) => cause switch
    {
        0 => "Unknown",
        1 => "Unallocated (unassigned) number",
        3 => "No route to destination",
        16 => "Normal Clearing",
        17 => "User busy",
        18 => "No user responding",
        19 => "User alerting, no answer",
        21 => "Call Rejected",
        27 => "Destination out of order",
        34 => "Circuit/channel congestion",
        38 => "Network out of order",
        _ => "Unknown",
    };

    /// <summary>The <c>reason</c> values of <c>DELETE /channels/{id}</c> and the cause each gives.</summary>
    public static int? FromReason(string reason) => reason switch
    {
        "normal" => 16,
        "busy" => 17,
        "congestion" => 34,
        "no_answer" => 19,
        "timeout" => 19,
        "rejected" => 21,
        "unallocated" => 1,
        "normal_unspecified" => 31,
        "interworking" => 127,
        "answered_elsewhere" => 26,
        _ => null,
    };
}

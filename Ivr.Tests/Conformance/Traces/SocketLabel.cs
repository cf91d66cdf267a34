namespace Ivr.Tests.Conformance.Traces;

/// <summary>Socket labels as the traces write them: `&lt;family&gt;#&lt;n&gt;`, e.g. `ivr#2`, `caller#1`, `ows#3`, `ivr-ows#1`.</summary>
public static class SocketLabel
{
    public static string Family(string label)
    {
        var hash = label.LastIndexOf('#');
        return hash < 0 ? label : label[..hash];
    }

    /// <summary>The label of the first socket of an app, used when a trace has no sockets file.</summary>
    public static string First(string app) => app + "#1";
}

using System.Text;
using Ivr.Simulator.Core;

namespace Ivr.Simulator.Channels;

/// <summary>Channel variables and the dialplan functions the variables trace exercises.</summary>
internal sealed class ChannelVariables(Pbx pbx)
{
    /// <summary>The result of reading a variable: a value, or which of Asterisk's errors it is.</summary>
    public enum ReadResult { Found, Missing, UnknownFunction }

    public ReadResult Read(SimChannel ch, string name, out string value)
    {
        value = "";
        var open = name.IndexOf('(');
        if (open > 0 && name.EndsWith(')'))
        {
            var fn = name[..open].ToUpperInvariant();
            var arg = name[(open + 1)..^1].Trim().ToLowerInvariant();
            switch (fn)
            {
                case "CALLERID":
                    value = arg switch { "num" or "number" => ch.CallerNumber, "name" => ch.CallerName, "all" => $"\"{ch.CallerName}\" <{ch.CallerNumber}>", _ => "" };
                    return ReadResult.Found;
                case "CONNECTEDLINE":
                    value = arg switch { "num" or "number" => ch.ConnectedNumber, "name" => ch.ConnectedName, _ => "" };
                    return ReadResult.Found;
                case "CHANNEL":
                    value = arg switch { "name" => ch.Name, "state" => ch.State, "language" => ch.Language, "uniqueid" => ch.Id, _ => "" };
                    return ReadResult.Found;
                case "TALK_DETECT":
                    return ReadResult.UnknownFunction;
                default:
                    return ReadResult.UnknownFunction;
            }
        }
        switch (name)
        {
            case "CHANNEL": value = ch.Name; return ReadResult.Found;
            case "EXTEN": value = ch.Exten; return ReadResult.Found;
            case "CONTEXT": value = ch.Context; return ReadResult.Found;
            case "PRIORITY": value = ch.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture); return ReadResult.Found;
            case "UNIQUEID": value = ch.Id; return ReadResult.Found;
        }
        if (ch.Variables.TryGetValue(name, out var v) && v.Length > 0)
        {
            value = v;
            return ReadResult.Found;
        }
        return ReadResult.Missing;
    }

    /// <summary>Sets a variable or function as Asterisk does: a ChannelVarset for plain variables, ChannelCallerId for CALLERID.</summary>
    public void Write(SimChannel ch, string name, string value)
    {
        var open = name.IndexOf('(');
        if (open > 0 && name.EndsWith(')'))
        {
            var fn = name[..open].ToUpperInvariant();
            var arg = name[(open + 1)..^1].Trim();
            switch (fn)
            {
                case "CALLERID":
                    if (arg.Equals("name", StringComparison.OrdinalIgnoreCase)) ch.CallerName = value;
                    else if (arg is "num" or "number") ch.CallerNumber = value;
                    else return;
                    pbx.ChannelEvents.CallerId(ch);
                    return;
                case "TALK_DETECT":
                    ch.TalkDetector?.Remove();
                    ch.TalkDetector = arg.Equals("remove", StringComparison.OrdinalIgnoreCase) ? null : new TalkDetector(pbx, ch, TalkDetector.ParseSilence(value));
                    if (ch.TalkDetector is { } detector) detector.Heard(ch.In.Kind);
                    return;
                default:
                    return; // an unknown function is accepted and ignored, as the variables trace shows (204)
            }
        }
        if (value.Length == 0)
        {
            // Setting no value deletes the variable, and Asterisk reports nothing (variables trace, IVR_EMPTY).
            ch.Variables.Remove(name);
            return;
        }
        ch.Variables[name] = value;
        pbx.ChannelEvents.Varset(ch, name, value);
    }

    /// <summary>Replaces <c>${NAME}</c> and <c>${FUNC(arg)}</c> in dialplan arguments.</summary>
    public string Substitute(SimChannel ch, string text)
    {
        if (!text.Contains("${", StringComparison.Ordinal)) return text;
        var sb = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0) { sb.Append(text, i, text.Length - i); break; }
            sb.Append(text, i, start - i);
            var depth = 0;
            var end = -1;
            for (var j = start + 2; j < text.Length; j++)
            {
                if (text[j] == '{') depth++;
                else if (text[j] == '}' && depth-- == 0) { end = j; break; }
            }
            if (end < 0) { sb.Append(text, start, text.Length - start); break; }
            var name = Substitute(ch, text[(start + 2)..end]);
            if (Read(ch, name, out var value) == ReadResult.Found) sb.Append(value);
            i = end + 1;
        }
        return sb.ToString();
    }
}

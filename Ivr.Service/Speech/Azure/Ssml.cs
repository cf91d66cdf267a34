using System.Security;
using Ivr.Service.Speech.Build;

namespace Ivr.Service.Speech.Azure;

/// <summary>The SSML document Azure text-to-speech receives for one prompt.</summary>
public static class Ssml
{
    /// <summary>speak/voice/[express-as style]/prosody rate around the text, with [pause …] markers as breaks.</summary>
    public static string For(SpeechRequest request, string voice, string rate)
    {
        var body = $"<prosody rate=\"{SecurityElement.Escape(rate)}\">{SpeechText.ToSsmlFragment(request.Text)}</prosody>";
        if (request.Style is { Length: > 0 } style)
            body = $"<mstts:express-as style=\"{SecurityElement.Escape(style)}\">{body}</mstts:express-as>";
        return "<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xmlns:mstts=\"https://www.w3.org/2001/mstts\" "
            + $"xml:lang=\"{SecurityElement.Escape(request.Language)}\"><voice name=\"{SecurityElement.Escape(voice)}\">{body}</voice></speak>";
    }
}

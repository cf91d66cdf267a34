namespace Ivr.Service.Speech.Azure;

/// <summary>Azure AI Speech refused or failed a request. <see cref="KeyRejected"/> means no further request can succeed.</summary>
public sealed class AzureSpeechException(string message, int? status = null, bool keyRejected = false) : Exception(message)
{
    public int? Status { get; } = status;
    public bool KeyRejected { get; } = keyRejected;
}

using Ivr.Ari.Models;

namespace Ivr.Simulator.Core;

/// <summary>Stamps events as Asterisk sends them (type, time, asterisk id, application) and hands them to the apps.</summary>
internal sealed class EventHub(Pbx pbx)
{
    /// <summary>Fills the envelope fields every event carries.</summary>
    public T Stamp<T>(T e, string application) where T : Event =>
        e with { Type = e.GetType().Name, Timestamp = pbx.Clock.Now, AsteriskId = pbx.AsteriskId, Application = application };

    /// <summary>Sends one event to each named app, each copy naming its own app.</summary>
    public void Publish(Event e, IEnumerable<string> apps)
    {
        foreach (var app in apps.Distinct(StringComparer.Ordinal).ToList())
            pbx.Apps.Deliver(app, AriJsonWriter.Message(Stamp(e, app)));
    }
}

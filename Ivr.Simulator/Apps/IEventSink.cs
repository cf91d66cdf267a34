namespace Ivr.Simulator.Apps;

/// <summary>Something that carries ARI event frames to a client: an inbound /ari/events socket or an outbound one.</summary>
internal interface IEventSink
{
    /// <summary>Queues one JSON text frame; never blocks the simulator's lock.</summary>
    void Send(byte[] frame);
}

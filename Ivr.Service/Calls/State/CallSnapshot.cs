using System.Text.Json.Serialization;

namespace Ivr.Service.Calls.State;

/// <summary>
/// What another instance needs to go on with a call (kept in Redis under <c>ivr:call:{channel}</c>): the Asterisk it lives
/// on (<c>Server</c>, see <c>StasisCallHost.ClientFor</c>) and its Stasis application, who called which entry and when,
/// the engine state (<c>CallStateJson</c>, which names the menu revision; empty before the menu started), the due times of
/// its pending timers, its recording, and its call record so far (<c>Trace</c>; absent when records are off, and in
/// snapshots written before records were kept here).
/// </summary>
public sealed record CallSnapshot(
    string Channel, string Server, string Application, string Caller, string Entry, DateTimeOffset StartedAt, string EngineState,
    IReadOnlyDictionary<string, DateTimeOffset> Timers, string? Recording, int Recordings, Records.TraceSnapshot? Trace = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(CallSnapshot))]
internal sealed partial class CallSnapshotJson : JsonSerializerContext;

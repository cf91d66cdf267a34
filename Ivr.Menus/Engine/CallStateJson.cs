using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ivr.Menus.Engine;

/// <summary>
/// A call's engine state as JSON, so a host can keep it outside its process (per channel, in Redis) and another host
/// can go on with the call. Stacks are written top first and rebuilt in that order; a document that is not a state of
/// this shape is refused with what is wrong.
/// </summary>
public static class CallStateJson
{
    public static string Write(CallState state) => JsonSerializer.Serialize(Snapshot.Of(state), CallStateJsonContext.Default.Snapshot);

    public static CallState Read(string json)
    {
        Snapshot? s;
        try { s = JsonSerializer.Deserialize(json, CallStateJsonContext.Default.Snapshot); }
        catch (JsonException e) { throw new FormatException($"call state JSON is malformed at {e.Path ?? "$"}: {e.Message}", e); }
        return (s ?? throw new FormatException("call state JSON is null")).ToState();
    }

    internal sealed record Snapshot(
        string Revision, string Language, DateOnly Today, List<string> OpenCalendars, string Node, Waiting Waiting,
        Dictionary<string, string> Variables, List<string> Masked, List<string> Returns, List<string> MenuHistory,
        Dictionary<string, int> Visits, int Tries, string Digits, string TypeAhead, string? Playback, string? Timer,
        string? OverallTimer, int Steps, int Sequence)
    {
        public static Snapshot Of(CallState s) => new(
            s.Revision, s.Language, s.Today, [.. s.OpenCalendars.Order(StringComparer.Ordinal)], s.Node, s.Waiting,
            new Dictionary<string, string>(s.Variables), [.. s.Masked.Order(StringComparer.Ordinal)], [.. s.Returns], [.. s.MenuHistory],
            new Dictionary<string, int>(s.Visits), s.Tries, s.Digits, s.TypeAhead, s.Playback, s.Timer, s.OverallTimer, s.Steps, s.Sequence);

        public CallState ToState()
        {
            if (string.IsNullOrEmpty(Revision)) throw new FormatException("call state JSON has no revision");
            if (!Enum.IsDefined(Waiting)) throw new FormatException($"call state JSON has an unknown waiting value {(int)Waiting}");
            return new CallState
            {
                Revision = Revision, Language = Language, Today = Today, OpenCalendars = OpenCalendars.ToImmutableHashSet(StringComparer.Ordinal),
                Node = Node, Waiting = Waiting, Variables = Variables.ToImmutableDictionary(), Masked = [.. Masked],
                Returns = Rebuild(Returns), MenuHistory = Rebuild(MenuHistory), Visits = Visits.ToImmutableDictionary(),
                Tries = Tries, Digits = Digits, TypeAhead = TypeAhead, Playback = Playback, Timer = Timer, OverallTimer = OverallTimer,
                Steps = Steps, Sequence = Sequence,
            };
        }

        /// <summary>The list holds the stack top first, so pushing it from the end restores the same order.</summary>
        static ImmutableStack<string> Rebuild(List<string> topFirst)
        {
            var stack = ImmutableStack<string>.Empty;
            for (var i = topFirst.Count - 1; i >= 0; i--) stack = stack.Push(topFirst[i]);
            return stack;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(CallStateJson.Snapshot))]
internal sealed partial class CallStateJsonContext : JsonSerializerContext;

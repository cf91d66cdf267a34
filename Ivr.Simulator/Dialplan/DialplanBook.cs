namespace Ivr.Simulator.Dialplan;

/// <summary>A loaded dialplan: contexts with their extensions and includes.</summary>
internal sealed class DialplanBook(IReadOnlyDictionary<string, DialplanContext> contexts)
{
    public IReadOnlyDictionary<string, DialplanContext> Contexts { get; } = contexts;

    /// <summary>Finds the extension that runs <paramref name="exten"/> in <paramref name="context"/>: literal before pattern, then includes.</summary>
    public DialplanExtension? Find(string context, string exten) => Find(context, exten, 0);

    DialplanExtension? Find(string context, string exten, int depth)
    {
        if (depth > 16 || !Contexts.TryGetValue(context, out var ctx)) return null;
        var found = ctx.Extensions.FirstOrDefault(e => !e.Pattern.StartsWith('_') && e.Matches(exten))
                    ?? ctx.Extensions.FirstOrDefault(e => e.Matches(exten));
        if (found is not null) return found;
        foreach (var inc in ctx.Includes)
            if (Find(inc, exten, depth + 1) is { } e) return e;
        return null;
    }

    public bool Exists(string context, string exten) => Find(context, exten) is { } e && e.At(1) is not null;

    /// <summary>What the simulator loads without a file: the reference dialplan the ARI traces were captured with.</summary>
    public const string BuiltIn = """
        [ivr-entry]
        exten => 12366,1,Answer()
         same => n,Stasis(ivr)

        [caller]
        exten => s,1,Stasis(caller)

        [seats]
        exten => seat,1,Answer()
         same => n,Stasis(ivr,seat)
        exten => busy,1,Busy()
        exten => congest,1,Congestion()
        exten => ring,1,Ringing()
         same => n,Wait(60)

        [ivr-noanswer]
        exten => 12366,1,Stasis(ivr)
         same => n,Hangup()

        [ivr-ows]
        exten => 12366,1,Answer()
         same => n,Stasis(ivr-ows)
         same => n,Hangup()

        [ivr-pc]
        exten => 12366,1,Answer()
         same => n,Stasis(ivr-pc)
         same => n,Hangup()
        """;
}

/// <summary>One <c>[context]</c>.</summary>
internal sealed record DialplanContext(string Name, IReadOnlyList<DialplanExtension> Extensions, IReadOnlyList<string> Includes);

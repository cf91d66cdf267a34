using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Yaml;

/// <summary>A YAML node that remembers where it starts, so every error can point at it.</summary>
public abstract record YNode(SourceLocation At)
{
    /// <summary>What a supervisor would call this kind of value, for "expected X, found Y" messages.</summary>
    public abstract string KindName { get; }
}

/// <summary>A plain or quoted value; Quoted tells "1" from 1 where that matters.</summary>
public sealed record YScalar(SourceLocation At, string Value, bool Quoted) : YNode(At)
{
    public override string KindName => "a value";
}

/// <summary>A list.</summary>
public sealed record YSequence(SourceLocation At, IReadOnlyList<YNode> Items) : YNode(At)
{
    public override string KindName => "a list";
}

/// <summary>A mapping whose entries keep file order; duplicate keys are reported by the reader, not stored.</summary>
public sealed record YMapping(SourceLocation At, IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries) : YNode(At)
{
    public override string KindName => "a mapping";

    public YNode? Get(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}

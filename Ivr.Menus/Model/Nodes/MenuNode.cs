using Ivr.Menus.Diagnostics;

namespace Ivr.Menus.Model;

/// <summary>A node of a menu tree. Subtypes are immutable records built once by the loader.</summary>
public abstract record MenuNode
{
    public string Id { get; init; } = "";
    public SourceLocation At { get; init; }
    /// <summary>Explicit bound on visits without caller input; it is what makes a deliberate input-free loop acceptable.</summary>
    public int? MaxVisits { get; init; }
    public abstract string Type { get; }
    public abstract IEnumerable<Edge> Edges { get; }
    /// <summary>Everything this node may say, for prompt checks.</summary>
    public virtual IEnumerable<PlayItem> Playables => [];
    /// <summary>Host names this node needs (actions, queues, calendars, validators, SMS templates), by kind.</summary>
    public virtual IEnumerable<(HostNameKind Kind, NameRef Name)> HostNames => [];
}

/// <summary>Kinds of names the host declares and the validator checks.</summary>
public enum HostNameKind { Action, Queue, Calendar, Validator, SmsTemplate }

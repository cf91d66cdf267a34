using Ivr.Menus.Engine;
using Ivr.Menus.Model;

namespace Ivr.Menus.Testing;

/// <summary>
/// One scripted call against the engine. What the engine does is kept as observations the steps look for in order;
/// playbacks are finished only when a step needs the call to move on, as a patient caller would let them.
/// </summary>
sealed class TestCall
{
    public sealed record Observation(string Kind, string Text, CallCommand Command);

    readonly MenuEngine _engine;
    readonly List<Observation> _pending = [];
    public CallState State { get; private set; }
    public HashSet<string> Nodes { get; } = new(StringComparer.Ordinal);
    public HashSet<(string From, string To)> Transitions { get; } = [];
    /// <summary>Transitions with the edge label they took, and the retries (no-input, invalid) of nodes that ask.</summary>
    public HashSet<TakenEdge> Taken { get; } = [];

    public TestCall(MenuEngine engine, CallEvent.Started started)
    {
        _engine = engine;
        var step = engine.Start(started);
        State = step.State;
        Observe(step, null, started, "");
    }

    /// <summary>The state the latest event was sent to (null until one is sent after <see cref="Forget"/>).</summary>
    public CallState? LastBefore { get; private set; }

    /// <summary>Forgets <see cref="LastBefore"/>, so a step that sends nothing is told apart.</summary>
    public void Forget() => LastBefore = null;

    public void Send(CallEvent e)
    {
        var before = State;
        LastBefore = before;
        Observe(_engine.Handle(before, e), before.Node, e, before.TypeAhead + (e is CallEvent.Digit d ? d.Key.ToString() : ""));
        if (before.Node == State.Node && State.Tries > before.Tries && _engine.Set.Nodes.GetValueOrDefault(before.Node) is AskNode)
            Taken.Add(new TakenEdge(before.Node, e is CallEvent.TimerFired && before.Digits.Length == 0 ? TakenEdge.NoInput : TakenEdge.Invalid, before.Node));
    }

    /// <summary>Input starts a new moment: what was heard before it is past.</summary>
    public void ForgetSounds() => _pending.RemoveAll(o => o.Kind == "sound");

    /// <summary>Lets prompts finish until the engine does what is looked for; null when it never does.</summary>
    public Observation? Find(string kind, Func<Observation, bool> match)
    {
        for (var guard = 0; guard < 100; guard++)
        {
            var index = _pending.FindIndex(o => o.Kind == kind && match(o));
            if (index >= 0)
            {
                var found = _pending[index];
                _pending.RemoveRange(0, index + 1);
                return found;
            }
            if (State.Playback is null) return null;
            Send(new CallEvent.PromptFinished(State.Playback));
        }
        return null;
    }

    /// <summary>Finishes playbacks until the call waits for something else.</summary>
    public void Settle()
    {
        for (var guard = 0; guard < 100 && State.Playback is not null; guard++) Send(new CallEvent.PromptFinished(State.Playback));
    }

    public string Heard() => _pending.Count == 0 ? "nothing more" : string.Join(", ", _pending.Select(o => o.Kind == "sound" ? o.Text : $"{o.Kind} {o.Text}"));

    /// <summary>
    /// Records what <paramref name="step"/> went through. Only its first move is caused by the event; <paramref name="keys"/>
    /// (pressed now or typed ahead during a prompt) tell which key later menus of the same step were left by.
    /// </summary>
    void Observe(Step step, string? from, CallEvent cause, string keys)
    {
        State = step.State;
        foreach (var node in step.Entered)
        {
            Nodes.Add(node);
            if (from is not null)
            {
                Transitions.Add((from, node));
                if (TakenEdge.LabelOf(_engine.Set.Nodes.GetValueOrDefault(from), node, cause, keys) is { } label) Taken.Add(new TakenEdge(from, label, node));
            }
            cause = new CallEvent.PromptFinished("");
            from = node;
        }
        foreach (var c in step.Commands)
        {
            switch (c)
            {
                case CallCommand.Play p:
                    _pending.AddRange(p.Items.Select(i => new Observation("sound", i switch
                    {
                        Spoken.Prompt prompt => prompt.Id,
                        Spoken.Value v => $"{v.Kind.ToString().ToLowerInvariant()}:{v.Text}",
                        _ => "?",
                    }, c)));
                    break;
                case CallCommand.InvokeAction a: _pending.Add(new("action", a.Action, c)); break;
                case CallCommand.EnterQueue q: _pending.Add(new("queue", q.Name, c)); break;
                case CallCommand.Record: _pending.Add(new("record", "", c)); break;
                case CallCommand.SendSms s: _pending.Add(new("sms", s.Template, c)); break;
                case CallCommand.RegisterCallback r: _pending.Add(new("callback", r.Queue, c)); break;
                case CallCommand.SetLanguage l: _pending.Add(new("language", l.Language, c)); break;
                case CallCommand.Hangup h: _pending.Add(new("hangup", h.Reason, c)); break;
            }
        }
    }
}

using Ivr.Menus.Engine;

namespace Ivr.Service.Menus;

/// <summary>One simulated call: prints what the engine does and answers what a script or terminal user cannot.</summary>
sealed class SimulatedCall(MenuEngine engine, MenuWorkspace workspace, MenuOptions options, TextWriter output)
{
    int _recordings;
    public CallState State { get; private set; } = null!;

    public void Start(CallEvent.Started started) => Apply(engine.Start(started));

    public void Send(CallEvent e) => Apply(engine.Handle(State, e));

    /// <summary>Turns one input line into events; false when the line means nothing.</summary>
    public bool Input(string line)
    {
        var (word, rest) = line.IndexOf(' ') is var i and > 0 ? (line[..i], line[(i + 1)..].Trim()) : (line, "");
        switch (word)
        {
            case "timeout" when State.Timer is { } timer: Send(new CallEvent.TimerFired(timer)); return true;
            case "timeout": output.WriteLine("(no timer runs)"); return true;
            case "say": Send(new CallEvent.Speech(rest)); return true;
            case "hangup": Send(new CallEvent.HungUp()); output.WriteLine("caller hung up"); return true;
            case "seat" when rest is "talked" or "no-seat": Send(new CallEvent.SeatFinished(rest == "talked")); return true;
            case "result" when rest.Length > 0:
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var outputs = parts[1..].Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
                Send(new CallEvent.ActionCompleted(parts[0], outputs));
                return true;
        }
        if (!line.All(c => "0123456789*#".Contains(c))) return false;
        foreach (var key in line) Send(new CallEvent.Digit(key, TimeSpan.Zero));
        return true;
    }

    void Apply(Step step)
    {
        State = step.State;
        foreach (var command in step.Commands) Show(command);
        if (State.Playback is { } playing) { Send(new CallEvent.PromptFinished(playing)); return; }
        if (State.Waiting == Waiting.Recording && step.Commands.Any(c => c is CallCommand.Record))
        {
            Send(new CallEvent.RecordingFinished($"sim-recording-{++_recordings}", TimeSpan.FromSeconds(20)));
            return;
        }
        if (State.Waiting == Waiting.Action && step.Commands.OfType<CallCommand.InvokeAction>().LastOrDefault() is { } action
            && options.Results.TryGetValue(action.Action, out var canned))
        {
            output.WriteLine($"  ← {canned} (--result)");
            Send(new CallEvent.ActionCompleted(canned, new Dictionary<string, string>()));
            return;
        }
        var hint = State.Waiting switch
        {
            Waiting.Keys or Waiting.Confirmation => "keys, or timeout",
            Waiting.Action => $"result {string.Join("|", workspace.Host.Actions[step.Commands.OfType<CallCommand.InvokeAction>().Last().Action].Results)}",
            Waiting.Seat => "seat talked|no-seat",
            _ => null,
        };
        if (hint is not null && step.Commands.Any(c => c is not (CallCommand.StartTimer or CallCommand.CancelTimer or CallCommand.StopPlayback))) output.WriteLine($"[{State.Node}] waiting: {hint}");
    }

    void Show(CallCommand command)
    {
        var line = command switch
        {
            CallCommand.Play p => string.Join("\n", p.Items.Select(i => "  ♪ " + Say(i, p.Language))),
            CallCommand.InvokeAction a => $"  ⚙ {a.Action}({string.Join(", ", a.Arguments.Select(x => $"{x.Key}={x.Value}"))})",
            CallCommand.EnterQueue q => $"  ☎ queue {q.Name}{(q.Skill is null ? "" : $", skill {q.Skill}")}, priority {q.Priority}",
            CallCommand.Record r => $"  ● recording up to {r.MaxLength.TotalSeconds:0}s{(r.Beep ? " after a beep" : "")}",
            CallCommand.SendSms s => $"  ✉ SMS {s.Template} to {s.To} {string.Join(" ", s.Parameters.Select(x => $"{x.Key}={x.Value}"))}",
            CallCommand.RegisterCallback c => $"  ↩ callback for {c.Queue} to {c.Number}",
            CallCommand.SetLanguage l => $"  language {l.Language}",
            CallCommand.Hangup h => $"call ended ({h.Reason})",
            _ => null,
        };
        if (line is not null) output.WriteLine(line);
    }

    string Say(Spoken item, string language) => item switch
    {
        Spoken.Prompt p when workspace.Prompts.Prompts.TryGetValue(p.Id, out var entry) && entry.Texts.TryGetValue(language, out var text) => $"[{p.Id}] {text}",
        Spoken.Prompt p => $"[{p.Id}]",
        Spoken.Value v => $"<{v.Kind.ToString().ToLowerInvariant()} {v.Text}>",
        _ => "?",
    };
}

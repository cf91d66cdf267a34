using Ivr.Menus.Diagnostics;
using Ivr.Menus.Loading;
using Ivr.Menus.Yaml;
using Ivr.Service.Calendar;

namespace Ivr.Service.Seats.Config;

/// <summary>seats/queues.yaml could not be used; every problem is listed with file:line:column and a fix.</summary>
public sealed class QueueConfigException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception("seats/queues.yaml has errors:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>
/// Reads and validates the queues file the way menus are read: every error at once, each with its position and a hint.
/// Queue names the menus use (<paramref name="requiredQueues"/>) must be defined; prompts unknown to the catalogue are
/// warnings, since a missing prompt costs an announcement, not the call.
/// </summary>
public static class QueueConfigLoader
{
    const string DefaultDialTarget = "PJSIP/{seat}";
    static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static SeatsConfig Load(string file, IReadOnlySet<string> requiredQueues, Func<string, bool>? promptExists = null)
    {
        string text;
        try { text = File.ReadAllText(file); }
        catch (IOException e) { throw new QueueConfigException([new(Severity.Error, new(file, 1, 1), $"cannot read the queues file: {e.Message}", "set Seats:Queues to seats/queues.yaml")]); }
        return Parse(file, text, requiredQueues, promptExists, out _);
    }

    /// <summary>Parses <paramref name="text"/>; throws with every error, returns the warnings.</summary>
    public static SeatsConfig Parse(string file, string text, IReadOnlySet<string> requiredQueues, Func<string, bool>? promptExists,
        out IReadOnlyList<Diagnostic> warnings)
    {
        var bag = new DiagnosticBag();
        var config = Read(file, text, requiredQueues, promptExists, bag);
        if (bag.HasErrors || config is null) throw new QueueConfigException(bag.Sorted());
        warnings = bag.Sorted();
        return config;
    }

    static SeatsConfig? Read(string file, string text, IReadOnlySet<string> requiredQueues, Func<string, bool>? promptExists, DiagnosticBag bag)
    {
        var root = YamlReader.Read(file, text, bag);
        if (root is not YMapping map)
        {
            if (root is not null) bag.Error(root.At, $"the queues file must be a mapping, found {root.KindName}", "start with 'queues:'");
            else if (!bag.HasErrors) bag.Error(new(file, 1, 1), "the queues file is empty", "add 'queues:' with at least one queue");
            return null;
        }
        var top = new Fields(map, "queues file", bag);
        var dialTarget = top.Scalar("dial-target") is { } dt ? DialTarget(dt, bag) : DefaultDialTarget;
        var calendars = new Dictionary<string, HoursSettings>(StringComparer.Ordinal);
        if (top.Mapping("calendars") is { } cals)
            foreach (var (key, node) in cals.Entries)
                if (ReadHours(key, node, bag) is { } h) calendars[h.Name] = h;
        var queues = new Dictionary<string, QueueSettings>(StringComparer.Ordinal);
        var queueNodes = top.Mapping("queues", required: true);
        foreach (var (key, node) in queueNodes?.Entries ?? [])
            if (ReadQueue(key, node, calendars, promptExists, bag) is { } q) queues[q.Name] = q;
        top.ReportUnknown();
        if (queueNodes is not null)
        {
            foreach (var name in requiredQueues.Order(StringComparer.Ordinal))
                if (!queues.ContainsKey(name) && queueNodes.Entries.All(e => e.Key.Value != name))
                    bag.Error(queueNodes.At, $"queue '{name}' is used by the menus but not defined here", $"add '{name}:' under 'queues:'");
            CheckOverflow(queueNodes, queues, bag);
        }
        return new SeatsConfig(dialTarget, queues, calendars);
    }

    static string DialTarget(YScalar s, DiagnosticBag bag)
    {
        if (!s.Value.Contains("{seat}", StringComparison.Ordinal) || !s.Value.Contains('/'))
            bag.Error(s.At, $"dial-target '{s.Value}' must be a channel technology with {{seat}} in it", "write e.g. PJSIP/{seat} or Local/{seat}@seats");
        return s.Value;
    }

    static HoursSettings? ReadHours(YScalar key, YNode node, DiagnosticBag bag)
    {
        if (node is not YMapping m)
        {
            bag.Error(node.At, $"calendar '{key.Value}' must be a mapping, found {node.KindName}", "write 'windows: 09:00-12:00,14:00-18:00'");
            return null;
        }
        var f = new Fields(m, $"calendar '{key.Value}'", bag);
        var windows = f.Scalar("windows", required: true);
        var zone = f.Text("time-zone") ?? "Asia/Shanghai";
        f.ReportUnknown();
        if (windows is null) return null;
        try
        {
            // The shipped calendar covers the years it has data for; only the spec's shape is checked here.
            CallingWindows.Parse(windows.Value, zone, new WorkingDayCalendar([]));
        }
        catch (FormatException e)
        {
            bag.Error(windows.At, e.Message, "write ranges like 09:00-12:00,14:00-18:00, or 'always'");
            return null;
        }
        return new HoursSettings(key.Value, windows.Value, zone);
    }

    static QueueSettings? ReadQueue(YScalar key, YNode node, IReadOnlyDictionary<string, HoursSettings> calendars, Func<string, bool>? promptExists,
        DiagnosticBag bag)
    {
        if (node is not YMapping m)
        {
            bag.Error(node.At, $"queue '{key.Value}' must be a mapping, found {node.KindName}", "write 'ring-timeout: 15s' and the other settings below it");
            return null;
        }
        var owner = $"queue '{key.Value}'";
        var f = new Fields(m, owner, bag);
        var skills = new List<string>();
        if (f.Sequence("skills") is { } list)
            foreach (var item in list.Items)
                if (f.AsScalar(item, "skills") is { } s)
                {
                    if (!IsName(s.Value)) bag.Error(s.At, $"{owner}: skill '{s.Value}' is not a plain name", "use letters, digits and '-' only");
                    else skills.Add(s.Value);
                }
        var strategy = f.Scalar("strategy") is { } st ? OneOf(st, owner, "strategy", Strategies, bag) : SeatStrategy.LongestIdle;
        var order = f.Scalar("callback-order") is { } co ? OneOf(co, owner, "callback-order", Orders, bag) : CallbackOrder.SeatFirst;
        var hours = f.Scalar("hours");
        if (hours is not null && !calendars.ContainsKey(hours.Value))
            bag.Error(hours.At, $"{owner}: calendar '{hours.Value}' is not defined under 'calendars:'", Suggestions.Hint(hours.Value, calendars.Keys.ToList()));
        var leave = f.Scalar("leave-key");
        if (leave is not null && (leave.Value.Length != 1 || !"0123456789*#".Contains(leave.Value[0])))
            bag.Error(leave.At, $"{owner}: leave-key '{leave.Value}' must be one key", "write one of 0-9, \"*\" or \"#\" (quote * and #)");
        var q = new QueueSettings
        {
            Name = key.Value,
            Skills = skills,
            Strategy = strategy,
            RingTimeout = f.Duration("ring-timeout", Second, TimeSpan.FromMinutes(2)) ?? TimeSpan.FromSeconds(15),
            WrapUp = f.Duration("wrap-up", TimeSpan.Zero, TimeSpan.FromMinutes(30)) ?? TimeSpan.FromSeconds(10),
            MaxWait = f.Duration("max-wait", Second, TimeSpan.FromHours(2)) ?? TimeSpan.FromMinutes(10),
            MaxLength = f.Int("max-length", 1, 100_000) ?? 200,
            JoinEmpty = f.Bool("join-empty") ?? false,
            Overflow = f.Text("overflow"),
            Hours = hours?.Value,
            LeaveKey = leave is { Value.Length: 1 } ? leave.Value[0] : null,
            PauseAfterMisses = f.Int("pause-after-misses", 1, 100) ?? 2,
            Record = f.Bool("record") ?? false,
            MohClass = f.Text("moh-class") ?? "default",
            Announce = f.Mapping("announce") is { } a ? ReadAnnounce(a, owner, promptExists, bag) : null,
            CallbackOrder = order,
            CallbackOffer = f.Mapping("callback-offer") is { } o ? ReadCallbackOffer(o, owner, promptExists, bag) : null,
        };
        f.ReportUnknown();
        return q;
    }

    static readonly Dictionary<string, SeatStrategy> Strategies = new(StringComparer.Ordinal)
    {
        ["longest-idle"] = SeatStrategy.LongestIdle, ["ring-all"] = SeatStrategy.RingAll,
    };

    static readonly Dictionary<string, CallbackOrder> Orders = new(StringComparer.Ordinal)
    {
        ["seat-first"] = CallbackOrder.SeatFirst, ["taxpayer-first"] = CallbackOrder.TaxpayerFirst,
    };

    static T OneOf<T>(YScalar s, string owner, string key, Dictionary<string, T> choices, DiagnosticBag bag) where T : struct
    {
        if (choices.TryGetValue(s.Value, out var value)) return value;
        bag.Error(s.At, $"{owner}: {key} '{s.Value}' is unknown", Suggestions.Hint(s.Value, choices.Keys.ToList()));
        return default;
    }

    static AnnounceSettings? ReadAnnounce(YMapping m, string owner, Func<string, bool>? promptExists, DiagnosticBag bag)
    {
        var f = new Fields(m, owner + " announce", bag);
        var every = f.Duration("every", Second, TimeSpan.FromMinutes(30));
        var settings = new AnnounceSettings(every ?? TimeSpan.FromSeconds(45), Prompt(f, m, "position", "queue-position", owner, promptExists, bag),
            Prompt(f, m, "wait", "queue-wait", owner, promptExists, bag), Prompt(f, m, "minutes", "time-minute", owner, promptExists, bag));
        f.ReportUnknown();
        return settings;
    }

    static CallbackOfferSettings? ReadCallbackOffer(YMapping m, string owner, Func<string, bool>? promptExists, DiagnosticBag bag)
    {
        var f = new Fields(m, owner + " callback-offer", bag);
        var above = f.Duration("above", TimeSpan.Zero, TimeSpan.FromHours(2));
        if (!m.Entries.Any(e => e.Key.Value == "above"))
            bag.Error(m.At, $"{owner}: callback-offer needs 'above', the estimated wait over which the callback is offered", "write e.g. 'above: 5m'");
        var settings = new CallbackOfferSettings(above ?? TimeSpan.FromMinutes(5), f.Bool("outside-hours") ?? false,
            Prompt(f, m, "prompt", "queue-callback-offer", owner, promptExists, bag), Prompt(f, m, "number-prompt", "queue-callback-number", owner, promptExists, bag),
            Prompt(f, m, "done-prompt", "callback-done", owner, promptExists, bag));
        f.ReportUnknown();
        return settings;
    }

    static string Prompt(Fields f, YMapping m, string key, string fallback, string owner, Func<string, bool>? promptExists, DiagnosticBag bag)
    {
        var s = f.Scalar(key);
        var id = s?.Value ?? fallback;
        if (promptExists is not null && !promptExists(id))
            bag.Warning(s?.At ?? m.At, $"{owner}: prompt '{id}' is not in the prompt catalogue; the caller does not hear it",
                "add it to prompts/catalog.yaml or name another prompt");
        return id;
    }

    static void CheckOverflow(YMapping queueNodes, Dictionary<string, QueueSettings> queues, DiagnosticBag bag)
    {
        foreach (var q in queues.Values)
        {
            if (q.Overflow is null) continue;
            var at = (queueNodes.Get(q.Name) as YMapping)?.Get("overflow")?.At ?? queueNodes.At;
            if (!queues.ContainsKey(q.Overflow))
            {
                bag.Error(at, $"queue '{q.Name}': overflow queue '{q.Overflow}' is not defined", Suggestions.Hint(q.Overflow, queues.Keys.ToList()));
                continue;
            }
            var seen = new List<string> { q.Name };
            for (var next = q.Overflow; next is not null && queues.TryGetValue(next, out var n); next = n.Overflow)
            {
                if (seen.Contains(next))
                {
                    bag.Error(at, $"queue '{q.Name}': overflow goes round in a circle ({string.Join(" → ", seen)} → {next})",
                        "end the chain at a queue without 'overflow:'");
                    break;
                }
                seen.Add(next);
            }
        }
    }

    static bool IsName(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
}

namespace Ivr.Simulator;

/// <summary>
/// The ear of a virtual caller or seat: what it hears <see cref="Now"/>, and waits for it to hear something. Waits look
/// at the present and the future, not the past.
/// </summary>
public sealed class Ear
{
    static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    readonly object gate;
    readonly string who;
    readonly List<(Func<Heard, bool> Want, TaskCompletionSource<Heard> Done)> waiters = [];
    Heard current = Heard.Silence;

    internal Ear(object gate, string who)
    {
        this.gate = gate;
        this.who = who;
    }

    /// <summary>What is heard right now (see <see cref="Heard"/> for the sources).</summary>
    public Heard Now
    {
        get { lock (gate) return current; }
    }

    /// <summary>Waits until <paramref name="source"/> is heard (e.g. <c>moh:default</c>, <c>sound:hello-world</c>, <c>silence</c>).</summary>
    public Task<Heard> WaitForAsync(string source, TimeSpan? timeout = null) => WaitAsync(h => h.Source == source, source, timeout);

    /// <summary>Waits until what is heard satisfies <paramref name="want"/> (e.g. <c>h =&gt; h.Voice</c>).</summary>
    public Task<Heard> WaitForAsync(Func<Heard, bool> want, TimeSpan? timeout = null) => WaitAsync(want, "what was awaited", timeout);

    /// <summary>Called under the simulator's lock when the audio reaching this ear changed.</summary>
    internal void Set(Heard now)
    {
        if (now == current) return;
        current = now;
        for (var i = waiters.Count - 1; i >= 0; i--)
        {
            if (!waiters[i].Want(now)) continue;
            waiters[i].Done.TrySetResult(now);
            waiters.RemoveAt(i);
        }
    }

    async Task<Heard> WaitAsync(Func<Heard, bool> want, string wanted, TimeSpan? timeout)
    {
        var entry = (want, new TaskCompletionSource<Heard>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (gate)
        {
            if (want(current)) return current;
            waiters.Add(entry);
        }
        var limit = timeout ?? DefaultWait;
        try
        {
            return await entry.Item2.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            lock (gate)
            {
                waiters.Remove(entry);
                throw new TimeoutException($"{who} did not hear {wanted} within {limit.TotalSeconds:0.###} s; hearing: {current}");
            }
        }
    }
}

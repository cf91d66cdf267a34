using Ivr.Menus.Diagnostics;
using Ivr.Menus.Loading;
using Ivr.Menus.Model;

namespace Ivr.Service.Menus;

/// <summary>
/// The menu revision new calls start with, swapped only after a reload validated completely. A broken first load
/// stops start-up; a broken reload reports its errors and keeps the last good set. Calls in progress keep the
/// revision they started with: every revision loaded stays findable by its id.
/// </summary>
public sealed class MenuStore
{
    readonly Func<MenuLoadResult> _load;
    readonly Dictionary<string, MenuSet> _revisions = new(StringComparer.Ordinal);
    readonly Lock _gate = new();
    MenuSet _current;

    MenuStore(Func<MenuLoadResult> load, MenuSet first)
    {
        _load = load;
        _current = first;
        _revisions[first.Revision] = first;
    }

    /// <summary>Raised after a reload put a new revision in place.</summary>
    public event Action<MenuSet>? Changed;

    public MenuSet Current => Volatile.Read(ref _current);

    /// <summary>Loads the first revision; throws with every error when the menus are broken.</summary>
    public static MenuStore Open(Func<MenuLoadResult> load)
    {
        var result = load();
        return result.Set is { } set ? new MenuStore(load, set) : throw new MenuLoadException(result.Diagnostics);
    }

    /// <summary>Loads again; swaps in the new set only when it has no errors and differs from the current one.</summary>
    public MenuLoadResult Reload()
    {
        var result = _load();
        if (result.Set is { } set) Activate(set);
        return result;
    }

    /// <summary>
    /// Puts an already validated set in place for new calls (a revision activated elsewhere, or a rollback); false
    /// when it is the current one already.
    /// </summary>
    public bool Activate(MenuSet set)
    {
        lock (_gate)
        {
            if (set.Revision == _current.Revision) return false;
            _revisions.TryAdd(set.Revision, set);
            Volatile.Write(ref _current, set);
        }
        Changed?.Invoke(set);
        return true;
    }

    /// <summary>Keeps a validated set findable by its revision without switching to it.</summary>
    public void Remember(MenuSet set)
    {
        lock (_gate)
            _revisions.TryAdd(set.Revision, set);
    }

    /// <summary>The set a call in progress started with.</summary>
    public MenuSet Revision(string revision) => TryRevision(revision)
        ?? throw new KeyNotFoundException($"menu revision {revision} was never loaded by this instance");

    /// <summary>A revision this instance has loaded before, or null.</summary>
    public MenuSet? TryRevision(string revision)
    {
        lock (_gate)
            return _revisions.GetValueOrDefault(revision);
    }
}

/// <summary>The menus cannot be loaded; <see cref="Diagnostics"/> lists every problem with file:line:col.</summary>
public sealed class MenuLoadException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception("the menus have errors:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}

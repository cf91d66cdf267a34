using System.Collections.Concurrent;
using Ivr.Ari;
using Ivr.Ari.Events;
using Ivr.Ari.Models;

namespace Ivr.Tests.Calls.Outbound;

/// <summary>
/// Taxpayers' phones a test can press keys on. The shipped dialplan's <c>[outbound]</c> context gets literal extensions
/// for <see cref="Numbers"/> that answer and hand the far Local leg (<c>;2</c>) to the Stasis application
/// <see cref="App"/>, which this class holds: keys sent on that leg reach the menu's leg as the taxpayer's DTMF, exactly
/// as a real Asterisk passes them through a Local channel (the same stand-in works on one).
/// </summary>
public sealed class TaxpayerPhones : IAsyncDisposable
{
    public const string App = "taxpayer-phone";

    /// <summary>Numbers that answer at once: 13900008000 to 13900008039 (AddTaxpayersAsync with phone bases 8000 and up).</summary>
    public static readonly IReadOnlyList<string> Numbers = [.. Enumerable.Range(8000, 40).Select(i => $"139{i:D8}")];

    readonly AriClient _ari;
    readonly AriEventStream _events;
    readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _answered = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<string> _legs = new();

    TaxpayerPhones(Uri ari, string user, string password)
    {
        _ari = new AriClient(new AriClientOptions { BaseUrl = ari, User = user, Password = password, Application = App });
        _events = new AriEventStream(_ari, OnEventAsync);
    }

    /// <summary>Connects as <see cref="App"/>; phones answer only once this returns.</summary>
    public static async Task<TaxpayerPhones> ConnectAsync(Uri ari, string user, string password, TimeSpan wait)
    {
        var phones = new TaxpayerPhones(ari, user, password);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        phones._events.Connected += (_, _) => connected.TrySetResult();
        phones._events.Start();
        await connected.Task.WaitAsync(wait);
        return phones;
    }

    /// <summary>The shipped dialplan with these phones added to its outbound context.</summary>
    public static string Dialplan(string shipped)
    {
        const string context = "[outbound]\n";
        if (!shipped.Contains(context, StringComparison.Ordinal)) throw new InvalidOperationException("the shipped dialplan has no [outbound] context");
        var phones = string.Concat(Numbers.Select(n => $"exten => {n},1,Answer()\n same => n,Stasis({App})\n same => n,Hangup()\n"));
        return shipped.Replace(context, context + phones, StringComparison.Ordinal);
    }

    ValueTask OnEventAsync(Message message, CancellationToken ct)
    {
        if (message is not StasisStart start) return ValueTask.CompletedTask;
        _legs.Enqueue($"{start.Channel.Id} ({start.Channel.Dialplan.Exten})");
        Answered(start.Channel.Dialplan.Exten).TrySetResult(start.Channel.Id);
        return ValueTask.CompletedTask;
    }

    TaskCompletionSource<string> Answered(string phone) =>
        _answered.GetOrAdd(phone, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The phone's leg once <paramref name="phone"/> has answered a call.</summary>
    public async Task<string> AnsweredAsync(string phone, TimeSpan wait)
    {
        try
        {
            return await Answered(phone).Task.WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{phone} did not answer within {wait}; phones answered so far: {string.Join(", ", _legs)}");
        }
    }

    public Task PressAsync(string leg, string keys) => _ari.Channels.SendDTMFAsync(leg, dtmf: keys);

    public Task HangUpAsync(string leg) => _ari.Channels.HangupAsync(leg);

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        _ari.Dispose();
    }
}

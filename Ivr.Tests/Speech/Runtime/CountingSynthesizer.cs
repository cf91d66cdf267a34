using Ivr.Service.Speech.Build;

namespace Ivr.Tests.Speech.Runtime;

/// <summary>A real engine that counts its renders and can be held back, so tests see how often and when it is asked.</summary>
sealed class CountingSynthesizer(ISpeechSynthesizer inner) : ISpeechSynthesizer
{
    int _renders;

    public int Renders => Volatile.Read(ref _renders);

    /// <summary>Renders wait for this before starting; completed from the start unless a test replaces it.</summary>
    public TaskCompletionSource Gate { get; set; } = Completed();

    public string Engine => inner.Engine;

    public string Describe(SpeechRequest request) => inner.Describe(request);

    public async Task RenderAsync(SpeechRequest request, RenderTarget target, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _renders);
        await Gate.Task.WaitAsync(cancellationToken);
        await inner.RenderAsync(request, target, cancellationToken);
    }

    static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}

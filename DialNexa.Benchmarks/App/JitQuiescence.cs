using System.Runtime;

namespace DialNexa.Benchmarks.App;

/// <summary>
/// Waits for the tiered JIT to settle after a warm-up: hot methods are recompiled (instrumented, then optimized) in the
/// background for seconds after they first run, and a measurement taken meanwhile shares the cores with the compiler.
/// </summary>
internal static class JitQuiescence
{
    private static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(1);

    /// <summary>How long it took until a whole second passed with no method compiled (at most <paramref name="limit"/>).</summary>
    public static async Task<TimeSpan> WaitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        while (clock.Elapsed < limit)
        {
            await Task.Delay(QuietWindow, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == compiled)
            {
                break;
            }

            compiled = now;
        }

        return clock.Elapsed;
    }
}

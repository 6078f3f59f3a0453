namespace DialNexa.Benchmarks.Measuring;

/// <summary>Nearest-rank percentiles over a sample.</summary>
internal static class Percentiles
{
    /// <summary>The value at <paramref name="p"/> (0-1) of <paramref name="sorted"/> by nearest rank; 0 for an empty sample.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Sorts a copy of <paramref name="values"/> and returns its p50, p99 and maximum, rounded to <paramref name="digits"/>.</summary>
    public static (double P50, double P99, double Max) Summary(IEnumerable<double> values, int digits = 2)
    {
        var sorted = values.Order().ToArray();
        return (Math.Round(Of(sorted, 0.50), digits), Math.Round(Of(sorted, 0.99), digits), Math.Round(sorted.Length == 0 ? 0 : sorted[^1], digits));
    }
}

namespace DialNexa.Benchmarks.Runtime;

/// <summary>A batch's figures from its instances' timestamps: first creation to last update, latency per instance.</summary>
internal sealed record BatchTimings(int Instances, int Failed, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Seconds <= 0 ? 0 : Math.Round(Instances / Seconds, 1);
}

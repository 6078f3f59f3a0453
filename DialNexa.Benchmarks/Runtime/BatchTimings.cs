using DialNexa.Benchmarks.Measuring;

namespace DialNexa.Benchmarks.Runtime;

/// <summary>A batch's figures from its instances' timestamps: first creation to last update, latency per instance.</summary>
internal sealed record BatchTimings(int Instances, int Failed, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Seconds <= 0 ? 0 : Math.Round(Instances / Seconds, 1);

    /// <summary>The figures every store's run reports, with <paramref name="activitiesPerInstance"/> activities in each instance.</summary>
    public Figures Describe(int activitiesPerInstance) => new Figures()
        .Add("orchestrations", Instances, 0)
        .Add("failed", Failed, 0)
        .Add("seconds", Seconds, 3)
        .Add("orchestrationsPerSecond", PerSecond, 1)
        .Add("activitiesPerSecond", activitiesPerInstance * PerSecond, 1)
        .Add("p50OrchestrationMs", P50Ms, 1)
        .Add("p99OrchestrationMs", P99Ms, 1);
}

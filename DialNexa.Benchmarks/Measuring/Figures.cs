using DialNexa.DurableTask.Sqlite;

namespace DialNexa.Benchmarks.Measuring;

/// <summary>
/// One run's figures in the order they were added: printed as the run's last stdout line, one JSON object. Numbers are
/// rounded where they are added, so the line says no more than was measured.
/// </summary>
internal sealed class Figures : Dictionary<string, object?>
{
    /// <summary>A group of figures to add to a run's (a store's, the machine's).</summary>
    public Figures()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>A run's figures, starting with the scenario's name.</summary>
    public Figures(string scenario)
        : this()
    {
        this["scenario"] = scenario;
    }

    /// <summary>A run on the embedded stores: the scenario, then the store and its synchronous mode.</summary>
    public Figures(string scenario, SqliteSynchronousMode synchronous)
        : this(scenario)
    {
        this["store"] = "embedded";
        this["synchronous"] = synchronous.ToString().ToUpperInvariant();
    }

    /// <summary>Adds a rounded number.</summary>
    public Figures Add(string name, double value, int digits)
    {
        this[name] = Math.Round(value, digits);
        return this;
    }

    /// <summary>Adds every figure of <paramref name="other"/> (a store's or the machine's) after this run's own.</summary>
    public Figures AddAll(IEnumerable<KeyValuePair<string, object?>> other)
    {
        foreach (var (name, value) in other)
        {
            this[name] = value;
        }

        return this;
    }
}

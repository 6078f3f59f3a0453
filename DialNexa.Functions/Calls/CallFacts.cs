using System.Globalization;

namespace DialNexa.Functions.Calls;

/// <summary>The finance context of a call: the workflow and named facts (see <see cref="FactNames"/>), all from redacted text.</summary>
public sealed record CallFacts
{
    public required HandoffWorkflow Workflow { get; init; }

    public double WorkflowConfidence { get; init; }

    public IReadOnlyDictionary<string, CallFact> Fields { get; init; } = new Dictionary<string, CallFact>();

    public string? Text(string name) => Fields.TryGetValue(name, out var fact) ? fact.Value : null;

    public decimal? Amount => Text(FactNames.Amount) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    /// <summary>The ISO 4217 code (three letters, upper case); null when the call named none, or something that is not one.</summary>
    public string? Currency => Text(FactNames.Currency)?.Trim() is { Length: 3 } code && code.All(char.IsAsciiLetter) ? code.ToUpperInvariant() : null;
}

using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Redaction;

/// <summary>Which families of sensitive data a text contained, from what redaction found in it.</summary>
internal static class Suppressions
{
    public static SuppressionSummary Of(IEnumerable<RedactionFinding> findings, bool privateBillingDocument)
    {
        var kinds = findings.Select(f => f.Kind).ToHashSet();
        return new SuppressionSummary(kinds.Any(k => k.IsCard()), kinds.Any(k => k.IsBank()), kinds.Any(k => k.IsTax()), privateBillingDocument);
    }
}

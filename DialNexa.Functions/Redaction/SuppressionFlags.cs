namespace DialNexa.Functions.Redaction;

/// <summary>Which families of sensitive data a text contained.</summary>
public sealed record SuppressionFlags(bool CardNumber, bool BankDetails, bool TaxIdentifier, bool PrivateBillingDocument)
{
    public static SuppressionFlags None { get; } = new(false, false, false, false);

    public bool Any => CardNumber || BankDetails || TaxIdentifier || PrivateBillingDocument;

    public static SuppressionFlags From(IEnumerable<RedactionFinding> findings, bool privateBillingDocument)
    {
        var kinds = findings.Select(f => f.Kind).ToHashSet();
        return new SuppressionFlags(kinds.Any(k => k.IsCard()), kinds.Any(k => k.IsBank()), kinds.Any(k => k.IsTax()), privateBillingDocument);
    }
}

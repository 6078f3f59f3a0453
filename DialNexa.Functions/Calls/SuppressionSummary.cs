namespace DialNexa.Functions.Calls;

/// <summary>What redaction removed from a call, as flags: such calls never copy their text into notes unreviewed.</summary>
public sealed record SuppressionSummary(bool CardNumber, bool BankDetails, bool TaxIdentifier, bool PrivateBillingDocument)
{
    public static SuppressionSummary None { get; } = new(false, false, false, false);

    public bool Any => CardNumber || BankDetails || TaxIdentifier || PrivateBillingDocument;

    public SuppressionSummary Merge(SuppressionSummary other) => new(
        CardNumber || other.CardNumber,
        BankDetails || other.BankDetails,
        TaxIdentifier || other.TaxIdentifier,
        PrivateBillingDocument || other.PrivateBillingDocument);
}

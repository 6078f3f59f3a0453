namespace DialNexa.Functions.Redaction;

/// <summary>Placeholders and families of <see cref="SensitiveKind"/>.</summary>
public static class SensitiveKindExtensions
{
    public static string Placeholder(this SensitiveKind kind) => kind switch
    {
        SensitiveKind.CardNumber => "[CARD_NUMBER]",
        SensitiveKind.Cvv => "[CVV]",
        SensitiveKind.Expiry => "[EXPIRY]",
        SensitiveKind.Pin => "[PIN]",
        SensitiveKind.BankAccount => "[BANK_ACCOUNT]",
        SensitiveKind.RoutingNumber => "[ROUTING_NUMBER]",
        SensitiveKind.Iban => "[IBAN]",
        SensitiveKind.SortCode => "[SORT_CODE]",
        SensitiveKind.Ssn => "[SSN]",
        SensitiveKind.Itin => "[ITIN]",
        SensitiveKind.Ein => "[EIN]",
        _ => "[VAT_NUMBER]",
    };

    public static bool IsCard(this SensitiveKind kind) => kind is SensitiveKind.CardNumber or SensitiveKind.Cvv or SensitiveKind.Expiry or SensitiveKind.Pin;

    public static bool IsBank(this SensitiveKind kind) => kind is SensitiveKind.BankAccount or SensitiveKind.RoutingNumber or SensitiveKind.Iban or SensitiveKind.SortCode;

    public static bool IsTax(this SensitiveKind kind) => kind is SensitiveKind.Ssn or SensitiveKind.Itin or SensitiveKind.Ein or SensitiveKind.VatNumber;
}

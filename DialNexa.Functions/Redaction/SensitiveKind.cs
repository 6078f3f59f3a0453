namespace DialNexa.Functions.Redaction;

/// <summary>What redaction removes; each has its placeholder (for example <c>[CARD_NUMBER]</c>).</summary>
public enum SensitiveKind
{
    CardNumber,
    Cvv,
    Expiry,
    Pin,
    BankAccount,
    RoutingNumber,
    Iban,
    SortCode,
    Ssn,
    Itin,
    Ein,
    VatNumber,
}

namespace DialNexa.Functions.Redaction;

/// <summary>What a nearby word says about a number that follows it.</summary>
[Flags]
internal enum ContextTag
{
    None = 0,
    Card = 1 << 0,
    Cvv = 1 << 1,
    Pin = 1 << 2,
    Expiry = 1 << 3,
    Routing = 1 << 4,
    Bank = 1 << 5,
    Sort = 1 << 6,
    Ssn = 1 << 7,
    Itin = 1 << 8,
    Ein = 1 << 9,
    Tax = 1 << 10,
    Vat = 1 << 11,
    LastFour = 1 << 12,
    Account = 1 << 13,
    Code = 1 << 14,
    Security = 1 << 15,
    Social = 1 << 16,
    Amount = 1 << 17,
    BillingDocument = 1 << 18,
    Phone = 1 << 19,

    /// <summary>"back", "reverse": the back of the card, where the CVV is ("the code on the back is …").</summary>
    Back = 1 << 21,

    /// <summary>"digits": with <see cref="Back"/>, the CVV ("the three digits on the back are …").</summary>
    Digits = 1 << 22,

    /// <summary>Set by the scan, not by a word: the nearest context word before the run is a phone word, and no card, bank or tax word follows it.</summary>
    PhoneLeads = 1 << 20,
}

namespace DialNexa.Functions.Redaction;

/// <summary>What a token of transcript text is.</summary>
internal enum TokenKind : byte
{
    Space,
    Digits,
    Word,

    /// <summary>An email, URL or ID such as INV-20931 or CUS_8f2: kept verbatim, never part of a number run.</summary>
    Protected,

    /// <summary>A mix of letters and digits (IBAN, VAT, postcode).</summary>
    Alphanumeric,
    Punctuation,
}

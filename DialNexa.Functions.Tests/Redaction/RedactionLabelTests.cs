using DialNexa.Functions.Redaction;

namespace DialNexa.Functions.Tests.Redaction;

/// <summary>
/// Each removed number is labelled with what it is, also when several kinds are said in one breath: the labels set the
/// suppression flags and approval reasons. Cases are named, so test names and failures never show the numbers.
/// </summary>
public sealed class RedactionLabelTests
{
    private static readonly TranscriptRedactor Redactor = new();

    private static readonly Dictionary<string, (string Text, string Expected)> Cases = new()
    {
        ["routing-account-ssn"] = ("routing number is 021000021 and account number 123456789. SSN 123-45-6789", "routing number is [ROUTING_NUMBER] and account number [BANK_ACCOUNT]. SSN [SSN]"),
        ["ssn-routing-checking"] = ("SSN 123-45-6789, routing 021000021, checking account 123456789", "SSN [SSN], routing [ROUTING_NUMBER], checking account [BANK_ACCOUNT]"),
        ["spoken-social-then-routing"] = ("my social is one two three four five six seven eight nine and the routing number is oh two one oh oh oh oh two one", "my social is [SSN] and the routing number is [ROUTING_NUMBER]"),
        ["account-then-routing"] = ("account 000123456789, routing 021000021", "account [BANK_ACCOUNT], routing [ROUTING_NUMBER]"),
        ["sort-account-iban"] = ("sort code 20-00-00 and account number 12345678, and the IBAN is GB29 NWBK 6016 1331 9268 19", "sort code [SORT_CODE] and account number [BANK_ACCOUNT], and the IBAN is [IBAN]"),
        ["ein-and-ssn"] = ("our EIN is 12-3456789 and my SSN is 123-45-6789", "our EIN is [EIN] and my SSN is [SSN]"),
        ["tax-id-and-routing"] = ("the tax ID is 123456789 and the routing number 021000021", "the tax ID is [EIN] and the routing number [ROUTING_NUMBER]"),
        ["pin-alone"] = ("PIN is 4321", "PIN is [PIN]"),
        ["pin-then-cvv"] = ("the PIN is 4321 and the CVV is 123", "the PIN is [PIN] and the CVV is [CVV]"),
        ["cvv-then-pin"] = ("CVV 123, PIN 4321", "CVV [CVV], PIN [PIN]"),
        ["security-code-then-spoken-pin"] = ("the security code on the card is 737 and my pin is four three two one", "the security code on the card is [CVV] and my pin is [PIN]"),
        ["pin-named-after"] = ("4321 is my PIN", "[PIN] is my PIN"),
        ["card-cvc-pin"] = ("card 4242 4242 4242 4242, CVC 123, PIN 9876", "card [CARD_NUMBER], CVC [CVV], PIN [PIN]"),
    };

    [Theory]
    [InlineData("routing-account-ssn")]
    [InlineData("ssn-routing-checking")]
    [InlineData("spoken-social-then-routing")]
    [InlineData("account-then-routing")]
    [InlineData("sort-account-iban")]
    [InlineData("ein-and-ssn")]
    [InlineData("tax-id-and-routing")]
    public void Redact_BankAndTaxNumbersInOneBreath_EachGetsItsOwnLabel(string name) => AssertRedactedAsExpected(name);

    [Theory]
    [InlineData("pin-alone")]
    [InlineData("pin-then-cvv")]
    [InlineData("cvv-then-pin")]
    [InlineData("security-code-then-spoken-pin")]
    [InlineData("pin-named-after")]
    [InlineData("card-cvc-pin")]
    public void Redact_PinAndCvv_AreToldApart(string name) => AssertRedactedAsExpected(name);

    [Fact]
    public void Redact_BankAndSsnMix_SetsBankAndTaxFlagsButNotCard()
    {
        var result = Redactor.Redact(Cases["routing-account-ssn"].Text);
        Assert.Equal([SensitiveKind.RoutingNumber, SensitiveKind.BankAccount, SensitiveKind.Ssn], result.Findings.Select(f => f.Kind));
        Assert.True(result.Flags.BankDetails);
        Assert.True(result.Flags.TaxIdentifier);
        Assert.False(result.Flags.CardNumber);
    }

    [Fact]
    public void Redact_PinReadAcrossTurns_IsLabelledPinInBothTurns()
    {
        var result = Redactor.Redact(
        [
            new TranscriptTurn(Speaker.User, "and the PIN is four three two"),
            new TranscriptTurn(Speaker.Agent, "mm-hmm"),
            new TranscriptTurn(Speaker.User, "one five six"),
        ]);
        Assert.Equal([SensitiveKind.Pin, SensitiveKind.Pin], result.Findings.Select(f => f.Kind));
        Assert.Equal("and the PIN is [PIN]", result.Turns[0].Text);
        Assert.Equal("[PIN]", result.Turns[2].Text);
    }

    private static void AssertRedactedAsExpected(string name)
    {
        var (text, expected) = Cases[name];
        var result = Redactor.Redact(text);
        Assert.True(result.Text == expected, $"{name}: expected \"{expected}\"; the redactor found {string.Join(", ", result.Findings.Select(f => f.Kind))} and wrote something else (not shown: it may hold the numbers).");
    }
}

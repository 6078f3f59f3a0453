using DialNexa.Functions.Redaction;

namespace DialNexa.Functions.Tests.Redaction;

/// <summary>The team's corpus: every entity type in its surface forms must go; the traps must stay verbatim.</summary>
public sealed class RedactionCorpusTests
{
    private static readonly TranscriptRedactor Redactor = new();

    [Theory]
    [InlineData("My card is 4242424242424242.", "4242424242424242", "[CARD_NUMBER]")]
    [InlineData("card number 4242 4242 4242 4242 thanks", "4242 4242 4242 4242", "[CARD_NUMBER]")]
    [InlineData("it's 4242-4242-4242-4242", "4242-4242-4242-4242", "[CARD_NUMBER]")]
    [InlineData("the number is 4242.4242.4242.4242 ok", "4242.4242.4242.4242", "[CARD_NUMBER]")]
    [InlineData("visa 4 2 4 2 4 2 4 2 4 2 4 2 4 2 4 2", "4 2 4 2 4 2 4 2 4 2 4 2 4 2 4 2", "[CARD_NUMBER]")]
    [InlineData("The card is four two four two, four two four two, four two four two, four two four two, thanks.", "four two four two, four two four two, four two four two, four two four two", "[CARD_NUMBER]")]
    [InlineData("card: forty two forty two, uh, forty two forty two, um forty two forty two forty two forty two", "forty two forty two", "[CARD_NUMBER]")]
    [InlineData("amex 3782 822463 10005", "3782 822463 10005", "[CARD_NUMBER]")]
    [InlineData("mastercard 2221 0000 0000 0009", "2221 0000 0000 0009", "[CARD_NUMBER]")]
    [InlineData("my credit card is 4242 4242 4242 4243", "4242 4242 4242 4243", "[CARD_NUMBER]")]
    [InlineData("card five five double five, five five five five, four four four four, four four four four", "five five double five", "[CARD_NUMBER]")]
    [InlineData("card 4 two 4 two 4242 four two 4 2 4 2 4 2 4 2", "4 two 4 two", "[CARD_NUMBER]")]
    [InlineData("the security code is 123", "123", "[CVV]")]
    [InlineData("and the CVV is seven three one", "seven three one", "[CVV]")]
    [InlineData("the code on the back is three eight one", "three eight one", "[CVV]")]
    [InlineData("the three digits on the back are 381", "381", "[CVV]")]
    [InlineData("the number on the back of the card is 4 0 2", "4 0 2", "[CVV]")]
    [InlineData("expiry oh four slash twenty eight", "oh four slash twenty eight", "[EXPIRY]")]
    [InlineData("it expires 04/28 I think", "04/28", "[EXPIRY]")]
    [InlineData("my pin is 4821", "4821", "[PIN]")]
    [InlineData("routing number 021000021 and", "021000021", "[ROUTING_NUMBER]")]
    [InlineData("the ABA is oh two one oh oh oh oh two one", "oh two one oh oh oh oh two one", "[ROUTING_NUMBER]")]
    [InlineData("bank account number 000123456789", "000123456789", "[BANK_ACCOUNT]")]
    [InlineData("checking account 1234 5678 9012", "1234 5678 9012", "[BANK_ACCOUNT]")]
    [InlineData("sort code 20-00-00 account 12345678", "20-00-00", "[SORT_CODE]")]
    [InlineData("sort code 20-00-00 account 12345678", "12345678", "[BANK_ACCOUNT]")]
    [InlineData("my IBAN is GB29 NWBK 6016 1331 9268 19", "GB29 NWBK 6016 1331 9268 19", "[IBAN]")]
    [InlineData("IBAN DE89370400440532013000.", "DE89370400440532013000", "[IBAN]")]
    [InlineData("my SSN is 123-45-6789", "123-45-6789", "[SSN]")]
    [InlineData("social security number is one two three four five six seven eight nine", "one two three four five six seven eight nine", "[SSN]")]
    [InlineData("ITIN 912-70-1234", "912-70-1234", "[ITIN]")]
    [InlineData("our EIN is 12-3456789", "12-3456789", "[EIN]")]
    [InlineData("the federal tax id is 123456789", "123456789", "[EIN]")]
    [InlineData("VAT number GB123456789 please", "GB123456789", "[VAT_NUMBER]")]
    [InlineData("our VAT number is 123456789", "123456789", "[VAT_NUMBER]")]
    public void Redact_SensitiveValue_IsReplacedByItsPlaceholder(string text, string sensitive, string placeholder)
    {
        var result = Redactor.Redact(text);
        Assert.DoesNotContain(sensitive, result.Text, StringComparison.Ordinal);
        Assert.Contains(placeholder, result.Text, StringComparison.Ordinal);
        Assert.All(result.Findings, f => Assert.DoesNotContain(sensitive, f.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("I was charged $249.00 twice on March 3rd.")]
    [InlineData("The invoice INV-20931 for 249.00 USD is due 2026-03-15.")]
    [InlineData("Customer CUS_8f2a91 and payment request PRQ_1x2y3z.")]
    [InlineData("Call me on +1 415 555 0142 or (415) 555-0142.")]
    [InlineData("My email is dana.whitfield@example.com.")]
    [InlineData("The card ending in 4242 was charged.")]
    [InlineData("the card ending in four two four two")]
    [InlineData("my last four are 1234")]
    [InlineData("It was two hundred forty-nine dollars.")]
    [InlineData("The meeting is at 16:02 on 03/05/2026.")]
    [InlineData("Order number 88812345 shipped in 2024, about 15% late.")]
    [InlineData("Subscription SUB-2209 renews on the 1st; account 4471.")]
    [InlineData("We have 7 seats and 30 days to pay $1,200.50.")]
    [InlineData("Invoice number 20931 for twelve hundred euros.")]
    public void Redact_OrdinaryFinanceText_IsKeptVerbatim(string text)
    {
        var result = Redactor.Redact(text);
        Assert.Equal(text, result.Text);
        Assert.Empty(result.Findings);
        Assert.False(result.Flags.Any);
    }

    [Theory]
    [InlineData("routing 021000021. My phone number is 415 555 0100", "021000021", "415 555 0100")]
    [InlineData("routing 021000021, account 000123456789, and my callback number is 4155550100.", "000123456789", "4155550100")]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32. Call me at +1 415 555 0100.", "GB82 WEST 1234 5698 7654 32", "+1 415 555 0100")]
    [InlineData("my savings account is 987654321 and you can reach me on 646-555-0142", "987654321", "646-555-0142")]
    [InlineData("checking account 1234 5678 9012, my cell is four one five, five five five, zero one four two", "1234 5678 9012", "four one five, five five five, zero one four two")]
    public void Redact_PhoneNumberSaidAfterBankDetails_KeepsThePhoneAndRemovesTheBankNumber(string text, string sensitive, string phone)
    {
        var result = Redactor.Redact(text);
        Assert.DoesNotContain(sensitive, result.Text, StringComparison.Ordinal);
        Assert.Contains(phone, result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my phone is not it, the bank account is 4155550100")]
    [InlineData("my phone number 4155550100 is also my bank account")]
    [InlineData("call me about my bank account 4155550100")]
    [InlineData("text me, the card is 4242424242424242")]
    public void Redact_PhoneWordNextToAnAccountOrCardWord_StillRemovesTheNumber(string text)
    {
        var result = Redactor.Redact(text);
        Assert.NotEmpty(result.Findings);
        Assert.DoesNotContain("4155550100", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("4242424242424242", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_CardReadAcrossTurnsWithAgentAcknowledgement_IsRemovedFromEveryTurn()
    {
        var turns = new List<TranscriptTurn>
        {
            new(Speaker.User, "My card number is four two four two four two four two"),
            new(Speaker.Agent, "Go on."),
            new(Speaker.User, "four two four two, four two four two"),
            new(Speaker.Agent, "Thank you, and the expiry?"),
        };
        var result = Redactor.Redact(turns);
        Assert.Equal("My card number is [CARD_NUMBER]", result.Turns[0].Text);
        Assert.Equal("Go on.", result.Turns[1].Text);
        Assert.Equal("[CARD_NUMBER]", result.Turns[2].Text);
        Assert.True(result.Flags.CardNumber);
        Assert.All(result.Findings, f => Assert.Contains("across-turns", f.Validator, StringComparison.Ordinal));
    }

    [Fact]
    public void Redact_Fixture_DisputeTranscript_KeepsTheFinanceFactsAndRemovesCardAndExpiry()
    {
        const string text = "The card is four two four two, four two four two, four two four two, four two four two, expiry oh four slash twenty eight.";
        var result = Redactor.Redact(text);
        Assert.Equal("The card is [CARD_NUMBER], expiry [EXPIRY].", result.Text);
        Assert.True(result.Flags.CardNumber);
        Assert.False(result.Flags.BankDetails);
    }

    [Fact]
    public void Redact_BankStatementMention_SetsPrivateBillingDocumentFlag()
    {
        Assert.True(Redactor.Redact("I can email you my bank statement").Flags.PrivateBillingDocument);
        Assert.True(Redactor.Redact("Do you need my W-9?").Flags.PrivateBillingDocument);
        Assert.False(Redactor.Redact("Please resend the invoice").Flags.PrivateBillingDocument);
    }
}

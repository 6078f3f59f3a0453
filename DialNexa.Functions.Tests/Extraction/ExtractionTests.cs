using DialNexa.Functions.Calls;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Redaction;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Extraction;

public sealed class ExtractionTests
{
    private static readonly DateTimeOffset Thursday = new(2026, 3, 5, 16, 2, 11, TimeSpan.Zero);

    private static CallFacts Extract(string user, string? agent = null, Dictionary<string, string?>? analysis = null, string? summary = null, string zone = "UTC", DateTimeOffset? at = null)
    {
        var turns = new List<RedactedTurn> { new("User", user) };
        if (agent is not null)
        {
            turns.Add(new RedactedTurn("Agent", agent));
        }

        var extractor = new FinanceContextExtractor(Options.Create(new ExtractionOptions { TimeZone = zone }));
        return extractor.Extract(new RedactedCall { CallId = "c", Turns = turns, Analysis = analysis ?? [], Summary = summary, StartedAt = at ?? Thursday, CallerPhone = "+14155550142" });
    }

    [Fact]
    public void Extract_DisputeCall_FindsEveryFinanceFactWithItsSource()
    {
        var facts = Extract(
            "Hi, I'm Dana Whitfield. I was charged twice for invoice INV-20931, two charges of $249.00. My email is Dana.Whitfield@Example.com. Can someone call me back by Friday?",
            "Finance will call you back by Friday at this number.");
        Assert.Equal(HandoffWorkflow.Dispute, facts.Workflow);
        Assert.Equal("Dana Whitfield", facts.Text(FactNames.CustomerName));
        Assert.Equal("INV-20931", facts.Text(FactNames.InvoiceNumber));
        Assert.Equal(249.00m, facts.Amount);
        Assert.Equal("USD", facts.Currency);
        Assert.Equal("dana.whitfield@example.com", facts.Text(FactNames.Email));
        Assert.Equal("true", facts.Text(FactNames.CallbackRequested));
        Assert.Equal("2026-03-06", facts.Text(FactNames.FollowUpDeadline));
        Assert.Equal("duplicate charge", facts.Text(FactNames.PaymentStatus));
        Assert.Contains("charged twice", facts.Text(FactNames.DisputeReason), StringComparison.Ordinal);
        Assert.StartsWith("Finance will call you back", facts.Text(FactNames.PromisedNextStep), StringComparison.Ordinal);
        Assert.Equal("+14155550142", facts.Text(FactNames.Phone));
        Assert.Equal("turn:0", facts.Fields[FactNames.InvoiceNumber].Source);
    }

    [Fact]
    public void Extract_AnalysisFields_WinOverTranscriptAndMapThroughConfiguration()
    {
        var facts = Extract("invoice INV-1", analysis: new() { ["intent"] = "invoice_resend", ["invoice_number"] = "INV-20931", ["amount"] = "$1,249.50", ["currency"] = "eur" });
        Assert.Equal(HandoffWorkflow.InvoiceResend, facts.Workflow);
        Assert.True(facts.WorkflowConfidence >= 0.8, $"An analysis intent alone gave confidence {facts.WorkflowConfidence}.");
        Assert.Equal("INV-20931", facts.Text(FactNames.InvoiceNumber));
        Assert.Equal("analysis:invoice_number", facts.Fields[FactNames.InvoiceNumber].Source);
        Assert.Equal(1249.50m, facts.Amount);
        Assert.Equal("EUR", facts.Currency);
    }

    [Theory]
    [InlineData("It was two hundred forty-nine dollars.", 249, "USD")]
    [InlineData("one thousand two hundred euros and fifty cents", 1200.50, "EUR")]
    [InlineData("about 80 GBP", 80, "GBP")]
    [InlineData("₦150,000.00 is what I owe", 150000, "NGN")]
    public void Extract_AmountsInSymbolsCodesAndWords(string text, double amount, string currency)
    {
        var facts = Extract(text);
        Assert.Equal((decimal)amount, facts.Amount);
        Assert.Equal(currency, facts.Currency);
    }

    [Theory]
    [InlineData("please call me back by Friday", "UTC", "2026-03-06")]
    [InlineData("by tomorrow please", "UTC", "2026-03-06")]
    [InlineData("can you call me back by Thursday?", "UTC", "2026-03-12")]
    [InlineData("please get back to me within 3 business days", "UTC", "2026-03-10")]
    [InlineData("I need it sorted by March 20th", "UTC", "2026-03-20")]
    [InlineData("please ring me before the 25th", "UTC", "2026-03-25")]
    [InlineData("could you resend it on Monday?", "Europe/London", "2026-03-09")]
    [InlineData("I'll pay the rest by end of month", "UTC", "2026-03-31")]
    [InlineData("by tomorrow please", "Pacific/Kiritimati", "2026-03-07")]
    public void Extract_FollowUpDeadline_ResolvedAgainstCallTimeInZone(string text, string zone, string expected)
    {
        Assert.Equal(expected, Extract(text, zone: zone).Text(FactNames.FollowUpDeadline));
    }

    [Theory]
    [InlineData("my renewal failed and the card was declined", HandoffWorkflow.RenewalFailure)]
    [InlineData("can you resend the invoice", HandoffWorkflow.InvoiceResend)]
    [InlineData("I want a refund for last month", HandoffWorkflow.RefundRequest)]
    [InlineData("please update my billing address and VAT number", HandoffWorkflow.TaxOrBillingAddressCorrection)]
    [InlineData("we are past due, can we get a payment plan", HandoffWorkflow.Collections)]
    [InlineData("send the receipt to my verified email", HandoffWorkflow.ReceiptToVerifiedEmail)]
    [InlineData("what's the weather like", HandoffWorkflow.Other)]
    public void Extract_Workflow_FromWordsWhenNoIntent(string text, HandoffWorkflow workflow) =>
        Assert.Equal(workflow, Extract(text).Workflow);

    [Fact]
    public void Extract_TimeZoneUnknown_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new FinanceContextExtractor(Options.Create(new ExtractionOptions { TimeZone = "Mars/Olympus" })));
        Assert.Contains("DialNexa__Extraction__TimeZone", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("14155550142", "+14155550142")]
    [InlineData("4155550142", "+14155550142")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    [InlineData("2348012345678", "+2348012345678")]
    [InlineData("555", null)]
    [InlineData("", null)]
    public void ToE164_NormalisesDialNexaNumbers(string raw, string? expected) =>
        Assert.Equal(expected, PhoneNumbers.ToE164(raw));

    [Fact]
    public void TranscriptParser_ReadsAllThreeShapes()
    {
        var jsonString = "\"[{\\\"role\\\": \\\"assistant\\\", \\\"content\\\": \\\"Hello\\\"}, {\\\"role\\\": \\\"user\\\", \\\"content\\\": \\\"Hi\\\"}]\"";
        var array = "[{\"speaker\": \"agent\", \"text\": \"Hello\"}, {\"speaker\": \"caller\", \"text\": \"Hi\"}]";
        var lines = "\"Agent: Hello\\nUser: Hi\"";
        foreach (var shape in new[] { jsonString, array, lines })
        {
            var turns = TranscriptParser.ParseJson(shape);
            Assert.Equal([Speaker.Agent, Speaker.User], turns.Select(t => t.Speaker));
            Assert.Equal(["Hello", "Hi"], turns.Select(t => t.Text));
        }
    }
}

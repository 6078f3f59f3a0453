using System.Text.Json;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Redaction;
using DialNexa.Functions.Webhooks;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Extraction;

/// <summary>
/// Issue 18's findings, each as a call of its own (worded differently from the corpus): both speakers and turn structure,
/// spoken and spelled-out fields, corrections, verified values, old values, the seed fields, and why the workflow was chosen.
/// </summary>
public sealed class ConversationExtractionTests
{
    private static readonly DateTimeOffset Tuesday = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    private static CallFacts Extract(string lines, string direction = "inbound", string caller = "14155550100", Dictionary<string, string?>? analysis = null, string zone = "UTC")
    {
        var options = Options.Create(new ExtractionOptions { TimeZone = zone });
        var call = new DialNexaCall
        {
            CallId = "c",
            EventName = "call_ended",
            Status = "completed",
            Direction = direction,
            FromNumber = direction == "inbound" ? caller : "18005550100",
            ToNumber = direction == "inbound" ? "18005550100" : caller,
            StartedAt = Tuesday,
            TranscriptJson = JsonSerializer.Serialize(lines),
            Analysis = analysis ?? [],
        };
        return new FinanceContextExtractor(options).Extract(new DialNexaCallRedactor(new TranscriptRedactor(), options).Redact(call));
    }

    [Fact]
    public void Extract_ExtraSeatsWithCreditRatherThanRefund_IsADisputeWithACreditRequest()
    {
        var facts = Extract("""
            Agent: Billing, this is Mo. How can I help?
            User: We got billed for fifteen users but we cut down to ten in February. I'd much rather have a credit than a refund, to be honest.
            Agent: Understood, I'll raise that with finance.
            """);
        Assert.Equal(HandoffWorkflow.Dispute, facts.Workflow);
        Assert.Contains("credit", facts.Text(FactNames.CreditRequest), StringComparison.Ordinal);
        Assert.Null(facts.Text(FactNames.RefundReason));
    }

    [Fact]
    public void Extract_AnInvoiceAfterFor_InTheSentenceThatNamesTheCaller_IsNotACompany()
    {
        var facts = Extract("""
            Agent: Thanks for calling billing. How can I help?
            User: I'm Dana Whitfield, I was charged twice for INV-20931, $249.00.
            """);
        Assert.Equal("INV-20931", facts.Text(FactNames.InvoiceNumber));
        Assert.Null(facts.Text(FactNames.Company));
    }

    [Fact]
    public void Extract_OutboundCallWhereOnlyTheAgentSaysPastDue_IsCollections()
    {
        var facts = Extract("""
            Agent: Hello, this is Sam from Orchard Billing. I'm calling because your account is 45 days past due, with $1,870 outstanding.
            User: Right, yeah. I can do half on Friday.
            Agent: Thanks, I'll note that.
            """, direction: "outbound");
        Assert.Equal(HandoffWorkflow.Collections, facts.Workflow);
        Assert.Equal(1870m, facts.Amount);
        Assert.Equal("overdue", facts.Text(FactNames.PaymentStatus));
    }

    [Theory]
    [InlineData("User: We got hit twice for March, same amount both times.", HandoffWorkflow.Dispute)]
    [InlineData("User: Nobody here would authorise a charge like that, we never bought it.", HandoffWorkflow.Dispute)]
    [InlineData("User: I know we're in arrears, can we sort something out?", HandoffWorkflow.Collections)]
    [InlineData("User: I've been trying to pay since this morning and the payment keeps getting refused.", HandoffWorkflow.VipPaymentBlocker)]
    [InlineData("User: Our subscription should have renewed yesterday but the payment keeps getting refused.", HandoffWorkflow.RenewalFailure)]
    [InlineData("User: Please I was debited twice for the same transaction, I want my money back for one.", HandoffWorkflow.Dispute)]
    [InlineData("User: How much am I owing on the account? I want to clear it.", HandoffWorkflow.Collections)]
    [InlineData("User: Kindly resend the invoice, it never got to us.", HandoffWorkflow.InvoiceResend)]
    [InlineData("User: Could you pop a copy of the invoice over to me?", HandoffWorkflow.InvoiceResend)]
    [InlineData("User: I need proof of payment for the transfer I made on Monday.", HandoffWorkflow.ReceiptToVerifiedEmail)]
    [InlineData("User: We want to switch to paying by direct debit instead of card.", HandoffWorkflow.PaymentMethodChange)]
    [InlineData("User: Your invoice has our old registered address and the wrong VAT number.", HandoffWorkflow.TaxOrBillingAddressCorrection)]
    [InlineData("User: I'd like a refund, we cancelled before the renewal date.", HandoffWorkflow.RefundRequest)]
    [InlineData("User: Hi, is this the pharmacy? Sorry, wrong number.", HandoffWorkflow.Other)]
    [InlineData("User: We've been charged for a subscription we cancelled last year.", HandoffWorkflow.Dispute)]
    [InlineData("User: They took 45k naira from my account twice.", HandoffWorkflow.Dispute)]
    [InlineData("User: Good afternoon, I am calling to make payment arrangement for my outstanding.", HandoffWorkflow.Collections)]
    [InlineData("User: Please change the company name on our invoices to Nova Labs Ltd, we rebranded.", HandoffWorkflow.TaxOrBillingAddressCorrection)]
    [InlineData("User: Hi there! Jenna from Peak Fitness. The payment for our renewal didn't go through.", HandoffWorkflow.RenewalFailure)]
    public void Extract_PhrasingsFromTheUsUkAndNigeria_FileTheRightWorkflow(string lines, HandoffWorkflow expected) =>
        Assert.Equal(expected, Extract(lines).Workflow);

    [Fact]
    public void Extract_Workflow_IsExplainedInTheFactsAndASplitCallIsLowConfidence()
    {
        var clear = Extract("User: I was charged twice for invoice INV-100, I didn't authorise the second charge.\nAgent: I'll open a dispute.");
        Assert.StartsWith("Dispute", clear.Text(FactNames.WorkflowEvidence), StringComparison.Ordinal);
        Assert.Contains("caller \"charged twice\"", clear.Text(FactNames.WorkflowEvidence), StringComparison.Ordinal);
        Assert.True(clear.WorkflowConfidence >= 0.6);

        var split = Extract("User: Can I get a refund for last month? And can you resend the invoice?");
        Assert.True(split.WorkflowConfidence < 0.6, $"A call asking two things at once was filed with confidence {split.WorkflowConfidence}.");
        Assert.Contains("runner-up", split.Text(FactNames.WorkflowEvidence), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("User: You can call me back on four one five, five five five, zero one nine nine.", "14155550100", "+14155550199")]
    [InlineData("User: Best to ring me on oh seven seven double zero, nine double zero, four five six.", "442079460000", "+447700900456")]
    [InlineData("User: My line is oh eight oh three, one two three, four five six seven.", "2348001112222", "+2348031234567")]
    [InlineData("User: Reach me at (212) 555-0147 please.", "14155550100", "+12125550147")]
    [InlineData("User: My mobile number is +44 7700 900 987.", "14155550100", "+447700900987")]
    [InlineData("Agent: Shall we call you back on 0803 555 0199?\nUser: Yes, that's my number.", "2348001112222", "+2348035550199")]
    public void Extract_PhoneSaidAloud_WinsOverTheCallerId(string lines, string callerId, string expected) =>
        Assert.Equal(expected, Extract(lines, caller: callerId).Text(FactNames.Phone));

    [Theory]
    [InlineData("User: It's a p at tallow logistics dot com.", "ap@tallowlogistics.com")]
    [InlineData("User: Send it to j dot okafor at okafor and sons dot com dot n g.", "j.okafor@okaforandsons.com.ng")]
    [InlineData("User: My email is sam underscore lee at gmail dot com.", "sam_lee@gmail.com")]
    [InlineData("User: it's m r at brightside dot co dot uk", "mr@brightside.co.uk")]
    public void Extract_EmailSpelledOut_IsReadAsAnAddress(string lines, string expected) =>
        Assert.Equal(expected, Extract(lines).Text(FactNames.Email));

    [Fact]
    public void Extract_AgentVerifiedEmail_OutranksTheOneTheCallerAsksForAndTheDeadMailbox()
    {
        var facts = Extract("""
            User: Invoices keep going to old@acme.com, that mailbox is dead now. Can you send this one to me at lee@gmail.com?
            Agent: I can only send it to the verified email on the account, which is billing@acme.com. Is that right?
            User: Yes, that's right.
            """);
        Assert.Equal("billing@acme.com", facts.Text(FactNames.Email));
        Assert.Equal(0.95, facts.Fields[FactNames.Email].Confidence);
    }

    [Fact]
    public void Extract_EmailTheAgentAsksTheCallerToWriteTo_IsNotTheCustomers()
    {
        var facts = Extract("User: Our VAT number changed.\nAgent: Could you email the certificate to vat@ourcompany.io? I'll update it then.");
        Assert.Null(facts.Text(FactNames.Email));
    }

    [Theory]
    [InlineData("User: It came to two fifty, sorry, two seventy dollars.", "270.00", "USD")]
    [InlineData("User: The charge was $180, no wait, $108.", "108.00", "USD")]
    [InlineData("User: They debited NGN 45,000 from my account twice.", "45000.00", "NGN")]
    [InlineData("User: We were charged two forty nine ninety nine dollars twice.", "249.99", "USD")]
    [InlineData("User: I was billed three hundred and twelve pounds fifty twice.", "312.50", "GBP")]
    [InlineData("User: They charged us N20,000 twice this month.", "20000.00", "NGN")]
    [InlineData("User: They charged us twice, ₦1.2 million each time.", "1200000.00", "NGN")]
    [InlineData("User: It's eighty quid a month and you took it twice.", "80.00", "GBP")]
    public void Extract_AmountsInWordsCodesAndCorrections_AreRead(string lines, string amount, string currency)
    {
        var facts = Extract(lines);
        Assert.Equal(amount, facts.Text(FactNames.Amount));
        Assert.Equal(currency, facts.Currency);
    }

    [Fact]
    public void Extract_SubscriptionCorrectedInTheSameBreath_KeepsTheCorrection()
    {
        var facts = Extract("User: The subscription is SUB-88210, sorry, SUB-88120, and the renewal failed.");
        Assert.Equal("SUB-88120", facts.Text(FactNames.SubscriptionId));
    }

    [Fact]
    public void Extract_InvoiceReadDigitByDigit_IsKept()
    {
        var facts = Extract("User: Kindly resend invoice number four four zero one two.");
        Assert.Equal("44012", facts.Text(FactNames.InvoiceNumber));
    }

    [Theory]
    [InlineData("User: Hi, it's Leah Vance, I was charged twice.", "Leah Vance")]
    [InlineData("User: Hello, my name's Priya Raman and I need a receipt.", "Priya Raman")]
    [InlineData("User: Good morning, Fergus MacLeod here, I need a receipt.", "Fergus MacLeod")]
    [InlineData("User: This is Siobhan O'Neill from Cairn Media, I need a receipt.", "Siobhan O'Neill")]
    [InlineData("User: Morning, I'm Ngozi Adeyemi-Bello. I need a receipt.", "Ngozi Adeyemi-Bello")]
    [InlineData("Agent: Am I speaking with Mr. Femi Olatunji?\nUser: Yes, speaking.\nAgent: I'm calling about your overdue balance.", "Femi Olatunji")]
    [InlineData("Agent: Hello, this is Dana from Northwind billing, who am I speaking with?\nUser: Anouk van der Berg.\nAgent: How can I help?\nUser: I need a receipt.", "Anouk van der Berg")]
    [InlineData("Agent: Thanks for calling, this is Sam. Who am I speaking with?\nUser: Hi Sam, it's Leah Vance from Tallow Logistics.", "Leah Vance")]
    [InlineData("User: Hi there! Jenna from Peak Fitness, I need a receipt.", "Jenna")]
    [InlineData("Agent: May I speak to Priya Shah, please?\nUser: This is Priya.\nAgent: I'm calling about an overdue invoice.", "Priya Shah")]
    public void Extract_CallerName_WithPrefixesApostrophesAndTurnStructure(string lines, string expected) =>
        Assert.Equal(expected, Extract(lines).Text(FactNames.CustomerName));

    [Fact]
    public void Extract_AgentsOwnName_IsNeverTheCustomers()
    {
        var facts = Extract("Agent: Thanks for calling, my name is Tolu, how can I help?\nUser: I need a receipt for my payment.");
        Assert.Null(facts.Text(FactNames.CustomerName));
    }

    [Fact]
    public void Extract_TaxRegionMovedAway_IsTheNewRegion()
    {
        var facts = Extract("""
            User: We relocated from Ontario to Sweden last year, but the invoices still charge Ontario HST.
            Agent: I'll set the tax region to Sweden and reissue them.
            """);
        Assert.Equal(HandoffWorkflow.TaxOrBillingAddressCorrection, facts.Workflow);
        Assert.Equal("Sweden", facts.Text(FactNames.TaxRegion));
    }

    [Fact]
    public void Extract_DisputeReason_IsTheReasonNotTheChargebackThreat()
    {
        var facts = Extract("""
            User: If you don't fix this I'll file a chargeback with my bank.
            User: You charged us for the premium add-on after we cancelled it in January.
            Agent: I'll open a dispute for you.
            """);
        Assert.Equal(HandoffWorkflow.Dispute, facts.Workflow);
        Assert.Contains("cancelled", facts.Text(FactNames.DisputeReason), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_OfficeManagerWhoHandlesInvoices_IsTheOwnerNotAnEscalation()
    {
        var facts = Extract("User: Please send invoices to our office manager, she handles the billing.\nAgent: Will do.");
        Assert.Null(facts.Text(FactNames.EscalationReason));
        Assert.Equal("office manager", facts.Text(FactNames.Owner));
    }

    [Fact]
    public void Extract_SpeakToAManager_IsAnEscalation()
    {
        var facts = Extract("User: This is the third time. I want to speak to a manager.");
        Assert.Contains("manager", facts.Text(FactNames.EscalationReason), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SeedFields_CompanyPlanThresholdOwnerAndBillingAddress()
    {
        var facts = Extract("""
            User: Hi, I'm Rita Gomez, head of finance at Lumen Foods. We're on the Scale plan. Anything over ten thousand dollars needs my sign-off.
            User: The account owner is Carlos Gomez. Also our billing address is now 90 Harbor Drive, Suite 5, Miami.
            Agent: Thanks Rita, I'll update the address.
            """);
        Assert.Equal("Lumen Foods", facts.Text(FactNames.Company));
        Assert.Equal("Scale", facts.Text(FactNames.Plan));
        Assert.Equal("10000.00 USD", facts.Text(FactNames.ApprovalThreshold));
        Assert.Equal("Carlos Gomez", facts.Text(FactNames.Owner));
        Assert.StartsWith("90 Harbor Drive", facts.Text(FactNames.BillingAddress), StringComparison.Ordinal);
        Assert.Null(facts.Text(FactNames.Amount));
        Assert.All(new[] { FactNames.Company, FactNames.Plan, FactNames.ApprovalThreshold, FactNames.Owner, FactNames.BillingAddress }, name =>
        {
            Assert.InRange(facts.Fields[name].Confidence, 0.5, 1.0);
            Assert.StartsWith("turn:", facts.Fields[name].Source, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Extract_SeedFieldsFromPostCallAnalysis_MapThroughConfiguration()
    {
        var facts = Extract("User: hello", analysis: new() { ["company_name"] = "Tallow Logistics", ["plan"] = "Growth", ["billing_address"] = "1 Main St" });
        Assert.Equal("Tallow Logistics", facts.Text(FactNames.Company));
        Assert.Equal("analysis:company_name", facts.Fields[FactNames.Company].Source);
        Assert.Equal("Growth", facts.Text(FactNames.Plan));
        Assert.Equal("1 Main St", facts.Text(FactNames.BillingAddress));
    }

    [Fact]
    public void Extract_PaymentPlan_IsNotASubscriptionPlan()
    {
        var facts = Extract("User: We're behind on payments. Can we set up a payment plan?");
        Assert.Equal(HandoffWorkflow.Collections, facts.Workflow);
        Assert.Null(facts.Text(FactNames.Plan));
    }

    [Fact]
    public void Extract_GreetingQuestion_IsNotAFollowUpDeadline()
    {
        var facts = Extract("Agent: How can I help you today?\nUser: I need a receipt.\nAgent: I'll send it right away.");
        Assert.Null(facts.Text(FactNames.FollowUpDeadline));
    }
}

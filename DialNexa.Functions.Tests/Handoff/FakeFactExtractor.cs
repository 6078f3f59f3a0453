using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>A stand-in for the extraction feature: reads the post-call analysis fields only.</summary>
internal sealed class FakeFactExtractor : IFactExtractor
{
    public CallFacts Extract(RedactedCall call)
    {
        var fields = new Dictionary<string, CallFact>();
        void Take(string analysis, string fact)
        {
            if (call.Analysis.TryGetValue(analysis, out var value) && value is not null)
            {
                fields[fact] = new CallFact(value, 0.95, "analysis:" + analysis);
            }
        }

        Take("customer_email", FactNames.Email);
        Take("invoice_number", FactNames.InvoiceNumber);
        Take("amount", FactNames.Amount);
        Take("currency", FactNames.Currency);
        Take("customer_name", FactNames.CustomerName);
        var workflow = call.Analysis.GetValueOrDefault("intent") switch
        {
            "dispute_charge" => HandoffWorkflow.Dispute,
            "invoice_resend" => HandoffWorkflow.InvoiceResend,
            "renewal_failure" => HandoffWorkflow.RenewalFailure,
            "vip_blocker" => HandoffWorkflow.VipPaymentBlocker,
            _ => HandoffWorkflow.Other,
        };
        if (workflow == HandoffWorkflow.Dispute && call.Summary is { } summary)
        {
            fields[FactNames.DisputeReason] = new CallFact(summary, 0.7, "summary");
        }

        return new CallFacts { Workflow = workflow, WorkflowConfidence = workflow == HandoffWorkflow.Other ? 0.2 : 0.9, Fields = fields };
    }
}

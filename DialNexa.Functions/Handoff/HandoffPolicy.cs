using System.Globalization;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The plan for a call, decided by configuration alone (pure and deterministic): the workflow's actions, the reasons a
/// human must approve them, and the reasons a human must look before anything is planned at all.
/// </summary>
internal static class HandoffPolicy
{
    public static HandoffPlan Plan(RedactedCall call, CallFacts facts, CallerMatch match, HandoffOptions options, IReadOnlySet<ProviderName> liveProviders, CallLinks links)
    {
        if (call.Problems.Count > 0)
        {
            return new HandoffPlan(facts.Workflow, [], [], [.. call.Problems]);
        }

        if (!call.HasContent || string.Equals(call.Status, "hangup", StringComparison.OrdinalIgnoreCase))
        {
            return new HandoffPlan(HandoffWorkflow.Other, [], [], []);
        }

        // Once each: one action planned twice would run twice at once.
        var kinds = (options.Routes.TryGetValue(facts.Workflow, out var routed) ? routed : []).Distinct().ToList();
        var note = OperationalNote.Build(call, facts, links);
        var actions = kinds.Select(kind => new PlannedAction(ProviderActions.ProviderOf(kind), kind, BuildRequest(call, facts, match, kind, note, links))).ToList();
        var review = new List<string>();
        var approval = new List<string>();
        var writesLive = actions.Any(a => liveProviders.Contains(a.Provider));

        if (facts.Workflow == HandoffWorkflow.Other)
        {
            review.Add("No finance workflow was recognised in the call.");
        }
        else if (facts.WorkflowConfidence < options.MinimumWorkflowConfidence)
        {
            review.Add(Invariant($"The call was read as a {Approvals.ApprovalText.Workflow(facts.Workflow)} with only {Approvals.ApprovalText.Percent(facts.WorkflowConfidence)} confidence, below the {Approvals.ApprovalText.Percent(options.MinimumWorkflowConfidence)} needed (DialNexa__Handoff__MinimumWorkflowConfidence)."));
        }

        if (writesLive && match.Ambiguous)
        {
            review.Add("The caller matches several customers; a person must pick the right one.");
        }
        else if (writesLive && match.Confidence < options.MinimumMatchConfidence)
        {
            review.Add(Invariant($"The caller was matched to a customer record with only {Approvals.ApprovalText.Percent(match.Confidence)} confidence, below the {Approvals.ApprovalText.Percent(options.MinimumMatchConfidence)} needed before a live write (DialNexa__Handoff__MinimumMatchConfidence)."));
        }

        if (facts.Workflow == HandoffWorkflow.VipPaymentBlocker)
        {
            review.Add("A high-value customer is blocked from paying: finance must handle it directly.");
        }

        if (facts.Text(FactNames.EscalationReason) is { } escalation)
        {
            review.Add($"The caller asked for escalation: {escalation}");
        }

        if (options.ApprovalWorkflows.Contains(facts.Workflow))
        {
            approval.Add($"{WorkflowCalls(facts.Workflow)} always need finance approval.");
        }

        foreach (var action in actions.Where(a => options.SensitiveActions.Contains(a.Kind)))
        {
            approval.Add($"{Capitalized(ProviderActionWords.Gerund(action.Kind))} changes money, access or commitments, so it always needs approval.");
        }

        if (facts.Amount is { } amount && facts.Currency is { } currency)
        {
            if (!options.ApprovalThresholds.TryGetValue(currency, out var threshold))
            {
                approval.Add($"No approval threshold is set for {currency} (DialNexa__Handoff__ApprovalThresholds__{currency}), so any amount in it needs approval.");
            }
            else if (amount >= threshold)
            {
                approval.Add($"The amount on the call, {Approvals.ApprovalText.Money(amount, currency)}, is at or above the approval threshold of {Approvals.ApprovalText.Money(threshold, currency)}.");
            }
        }

        if (IsVip(facts, options))
        {
            approval.Add("The caller is a high-value (VIP) customer.");
        }

        if (call.Suppression.Any)
        {
            approval.Add("The caller read out card, bank or tax details (removed from every record); confirm nothing depends on them.");
        }

        return new HandoffPlan(facts.Workflow, actions, approval.Distinct().ToList(), review);
    }

    private static bool IsVip(CallFacts facts, HandoffOptions options) =>
        options.VipCustomers.Any(v =>
            string.Equals(v, facts.Text(FactNames.Email), StringComparison.OrdinalIgnoreCase)
            || string.Equals(v, facts.Text(FactNames.AccountNumber), StringComparison.OrdinalIgnoreCase));

    private static ProviderActionRequest BuildRequest(RedactedCall call, CallFacts facts, CallerMatch match, ProviderActionKind kind, string note, CallLinks links) => new()
    {
        CallId = call.CallId,
        Kind = kind,
        CustomerName = facts.Text(FactNames.CustomerName),
        Email = facts.Text(FactNames.Email),
        Phone = facts.Text(FactNames.Phone) ?? call.CallerPhone,
        ProviderCustomerId = match.CustomerIdIn(ProviderActions.ProviderOf(kind)),
        Amount = facts.Amount,
        Currency = facts.Currency,
        // Customers read this one (Paystack's payment request email, Plisio's invoice): their invoice, in words.
        Description = facts.Text(FactNames.InvoiceNumber) is { } invoice ? $"Invoice {invoice}" : $"{Capitalized(Approvals.ApprovalText.Workflow(facts.Workflow))} (call {call.CallId})",
        InvoiceNumber = facts.Text(FactNames.InvoiceNumber),
        DueDate = DateOnly.TryParse(facts.Text(FactNames.DueDate), CultureInfo.InvariantCulture, out var due) ? due : null,
        Note = note,
        Message = note,
        Links = links.AsProviderLinks(),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The workflow's calls as a plural subject ("Dispute calls", "Refund requests").</summary>
    private static string WorkflowCalls(HandoffWorkflow workflow) => workflow switch
    {
        HandoffWorkflow.RefundRequest => "Refund requests",
        HandoffWorkflow.PaymentMethodChange => "Payment method changes",
        HandoffWorkflow.InvoiceResend => "Invoice resends",
        HandoffWorkflow.RenewalFailure => "Failed renewals",
        HandoffWorkflow.TaxOrBillingAddressCorrection => "Tax or billing address corrections",
        HandoffWorkflow.VipPaymentBlocker => "Calls about a high-value customer unable to pay",
        HandoffWorkflow.ReceiptToVerifiedEmail => "Receipts to a verified email",
        _ => $"{workflow} calls",
    };

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

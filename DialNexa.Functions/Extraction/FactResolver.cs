using System.Globalization;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Settles each fact from the values found for it: a value corrected later in the call gives way to the correction; a
/// value the call says is old (moved away from, dead mailbox) is never chosen; otherwise the highest rank wins
/// (analysis, verified by the agent, corrected, stated by the caller, mentioned), the earliest among equals. Reasons
/// and the payment's state follow the workflow; the amount is chosen by <see cref="AmountChooser"/>.
/// </summary>
internal static class FactResolver
{
    /// <summary>Facts whose values a speaker corrects ("SUB-88210, sorry, SUB-88120").</summary>
    private static readonly HashSet<string> Correctable =
    [
        FactNames.CustomerName, FactNames.Email, FactNames.Phone, FactNames.AccountNumber, FactNames.InvoiceNumber, FactNames.PaymentId,
        FactNames.SubscriptionId, FactNames.Company, FactNames.Plan, FactNames.BillingAddress,
    ];

    private static readonly Dictionary<HandoffWorkflow, string[]> StatusByWorkflow = new()
    {
        [HandoffWorkflow.Dispute] = ["duplicate charge", "failed", "paid"],
        [HandoffWorkflow.RefundRequest] = ["duplicate charge", "paid"],
        [HandoffWorkflow.RenewalFailure] = ["failed"],
        [HandoffWorkflow.VipPaymentBlocker] = ["failed"],
        [HandoffWorkflow.Collections] = ["overdue", "paid"],
        [HandoffWorkflow.ReceiptToVerifiedEmail] = ["paid"],
        [HandoffWorkflow.Other] = ["paid", "overdue", "failed", "duplicate charge", "pending"],
    };

    public static Dictionary<string, CallFact> Resolve(CallConversation call, List<FactCandidate> candidates, IReadOnlyList<MoneyCandidate> sums, HandoffWorkflow workflow)
    {
        ApplyCorrections(call, candidates);
        var facts = new Dictionary<string, CallFact>();
        foreach (var group in candidates.Where(c => !c.Name.StartsWith("status:", StringComparison.Ordinal)).GroupBy(c => c.Name))
        {
            if ((group.Key == FactNames.DisputeReason && workflow != HandoffWorkflow.Dispute) || (group.Key == FactNames.RefundReason && workflow != HandoffWorkflow.RefundRequest))
            {
                continue;
            }

            var replaced = group.Where(c => c.Rank == CandidateRank.Replaced).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var best = group
                .Where(c => c.Rank != CandidateRank.Replaced && (!replaced.Contains(c.Value) || c.Rank >= CandidateRank.Verified))
                .OrderByDescending(c => c.Rank)
                .ThenBy(c => c.Order)
                .FirstOrDefault();
            if (best is not null)
            {
                facts[group.Key] = new CallFact(best.Value, Confidence(best, call), best.Source);
            }
        }

        if (StatusByWorkflow.TryGetValue(workflow, out var statuses)
            && statuses.Select(s => candidates.Where(c => c.Name == "status:" + s).OrderBy(c => c.Order).FirstOrDefault()).FirstOrDefault(c => c is not null) is { } status)
        {
            facts[FactNames.PaymentStatus] = new CallFact(status.Value, Confidence(status, call), status.Source);
        }

        if (!facts.ContainsKey(FactNames.Amount) && AmountChooser.Choose(sums, workflow) is { } sum)
        {
            var confidence = sum.Turn.Party == Party.Caller ? 0.85 : 0.8;
            facts[FactNames.Amount] = new CallFact(sum.Money.Value.ToString("0.00", CultureInfo.InvariantCulture), confidence, sum.Turn.Source);
            if (!facts.ContainsKey(FactNames.Currency) && sum.Money.Currency is { } currency)
            {
                facts[FactNames.Currency] = new CallFact(currency, confidence, sum.Turn.Source);
            }
        }

        if (facts.TryGetValue(FactNames.Owner, out var owner) && owner.Value == NameReader.CallerSelf)
        {
            if (facts.TryGetValue(FactNames.CustomerName, out var name))
            {
                facts[FactNames.Owner] = owner with { Value = name.Value };
            }
            else
            {
                facts.Remove(FactNames.Owner);
            }
        }

        return facts;
    }

    /// <summary>Of two values for one fact said close together with "sorry", "I mean", "actually" or "no" between them, the later stands.</summary>
    private static void ApplyCorrections(CallConversation call, List<FactCandidate> candidates)
    {
        foreach (var group in candidates.Where(c => Correctable.Contains(c.Name) && c.Rank is > CandidateRank.Replaced and < CandidateRank.Analysis).GroupBy(c => c.Name))
        {
            var ordered = group.OrderBy(c => c.Order).ToList();
            for (var i = 0; i + 1 < ordered.Count; i++)
            {
                var (earlier, later) = (ordered[i], ordered[i + 1]);
                if (string.Equals(earlier.Value, later.Value, StringComparison.OrdinalIgnoreCase) || later.Turn - earlier.Turn > 2 || !TurnText.HasCorrection(Between(call, earlier, later)))
                {
                    continue;
                }

                Replace(candidates, earlier, earlier with { Rank = CandidateRank.Replaced });
                if (later.Rank < CandidateRank.Corrected)
                {
                    var corrected = later with { Rank = CandidateRank.Corrected };
                    Replace(candidates, later, corrected);
                    ordered[i + 1] = corrected;
                }
            }
        }
    }

    private static string Between(CallConversation call, FactCandidate earlier, FactCandidate later)
    {
        var from = earlier.Offset + earlier.Length;
        if (earlier.Turn == later.Turn)
        {
            var text = call.Turns[earlier.Turn].Text;
            return later.Offset > from && later.Offset <= text.Length ? text[from..later.Offset] : "";
        }

        var parts = new List<string> { call.Turns[earlier.Turn].Text[Math.Min(from, call.Turns[earlier.Turn].Text.Length)..] };
        for (var t = earlier.Turn + 1; t < later.Turn; t++)
        {
            parts.Add(call.Turns[t].Text);
        }

        var last = call.Turns[later.Turn].Text;
        parts.Add(". " + last[..Math.Min(later.Offset, last.Length)]);
        return string.Join(' ', parts);
    }

    private static void Replace(List<FactCandidate> candidates, FactCandidate old, FactCandidate updated)
    {
        var at = candidates.IndexOf(old);
        if (at >= 0)
        {
            candidates[at] = updated;
        }
    }

    private static double Confidence(FactCandidate candidate, CallConversation call)
    {
        var confidence = candidate.Rank switch
        {
            CandidateRank.Analysis => 0.95,
            CandidateRank.Verified => 0.95,
            CandidateRank.Corrected => 0.9,
            CandidateRank.Stated => 0.85,
            _ => 0.7,
        };
        var party = candidate.Turn < call.Turns.Count ? call.Turns[candidate.Turn].Party : Party.Unknown;
        return candidate.Rank == CandidateRank.Analysis ? confidence : party is Party.Unknown or Party.Summary ? confidence - 0.1 : confidence;
    }
}

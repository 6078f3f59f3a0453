using System.Globalization;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Pulls the finance context out of a redacted call by reading the whole conversation: both speakers, who asked, who
/// confirmed, what was corrected later, what the agent verified or promised, and DialNexa's summary and post-call
/// analysis (mapped by configuration). Each reader proposes values with a rank; <see cref="FactResolver"/> settles them;
/// <see cref="WorkflowClassifier"/> files the call and says why (the <c>workflowEvidence</c> fact). Every regular
/// expression runs in linear time, whatever a caller says.
/// </summary>
internal sealed class FinanceContextExtractor(IOptions<ExtractionOptions> options) : IFactExtractor
{
    private readonly ExtractionOptions _options = options.Value;
    private readonly TimeZoneInfo _zone = ResolveZone(options.Value.TimeZone);

    public CallFacts Extract(RedactedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.StartedAt is null)
        {
            call = call with { StartedAt = DateTimeOffset.UtcNow };
        }

        var conversation = CallConversation.Of(call);
        var candidates = new List<FactCandidate>();
        var intent = ReadAnalysis(call, conversation.Turns.Count, candidates);

        var names = new List<FactCandidate>();
        NameReader.Read(conversation, names);
        candidates.AddRange(names);
        CompanyReader.Read(conversation, names, candidates);
        EmailReader.Read(conversation, candidates);
        PhoneReader.Read(conversation, candidates);
        IdentifierReader.Read(conversation, candidates);
        var sums = MoneyReader.Read(conversation, candidates);
        PlanReader.Read(conversation, candidates);
        OwnerReader.Read(conversation, candidates);
        AddressReader.Read(conversation, candidates);
        TaxRegionReader.Read(conversation, candidates);
        StatementReader.Read(conversation, _zone, candidates);

        var decision = WorkflowClassifier.Classify(conversation, intent);
        var facts = FactResolver.Resolve(conversation, candidates, sums, decision.Workflow);
        if (!facts.ContainsKey(FactNames.Phone) && PhoneNumbers.ToE164(call.CallerPhone, _options.DefaultCountryCode) is { } phone)
        {
            facts[FactNames.Phone] = new CallFact(phone, 0.9, "caller-id");
        }

        facts[FactNames.WorkflowEvidence] = new CallFact(decision.Evidence, decision.Confidence, "classifier");
        return new CallFacts { Workflow = decision.Workflow, WorkflowConfidence = decision.Confidence, Fields = facts };
    }

    /// <summary>Post-call analysis fields as candidates of the highest rank; returns the intent, which feeds the workflow.</summary>
    private string? ReadAnalysis(RedactedCall call, int afterTranscript, List<FactCandidate> into)
    {
        string? intent = null;
        foreach (var (field, value) in call.Analysis)
        {
            if (string.IsNullOrWhiteSpace(value) || !_options.FieldMap.TryGetValue(field, out var name))
            {
                continue;
            }

            if (name == "intent")
            {
                intent = value;
                continue;
            }

            if (Normalize(name, value.Trim()) is { } normalized)
            {
                into.Add(new FactCandidate(name, normalized, CandidateRank.Analysis, afterTranscript, 0, 0, "analysis:" + field));
            }
        }

        return intent;
    }

    private string? Normalize(string name, string value) => name switch
    {
        FactNames.Amount => decimal.TryParse(value.TrimStart('$', '€', '£', '₦').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? amount.ToString("0.00", CultureInfo.InvariantCulture)
            : null,
        FactNames.Currency => value.ToUpperInvariant(),
        FactNames.Email => value.ToLowerInvariant(),
        FactNames.Phone => PhoneNumbers.ToE164(value, _options.DefaultCountryCode) ?? value,
        FactNames.CallbackRequested => value.ToLowerInvariant() is "true" or "yes" or "1" ? "true" : "false",
        _ => value,
    };

    private static TimeZoneInfo ResolveZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new InvalidOperationException($"DialNexa__Extraction__TimeZone '{id}' is not a known time zone; use an IANA name such as America/New_York.", ex);
        }
    }
}

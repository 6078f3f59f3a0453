using System.Globalization;
using System.Text.RegularExpressions;
using DialNexa.Functions.Handoff;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Pulls the finance context out of a redacted call: post-call analysis fields first (mapped by configuration,
/// confidence 0.95), then the caller's and agent's turns (0.85), then DialNexa's summary (0.75). Every regular
/// expression is non-backtracking, so time stays linear in the text whatever a caller says.
/// </summary>
internal sealed partial class FinanceContextExtractor(IOptions<ExtractionOptions> options) : IFactExtractor
{
    private const RegexOptions Linear = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
    private static readonly Regex Email = new(@"[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63}){1,4}", Linear);
    private static readonly Regex Invoice = new(@"\b(INV[-_]?\d[a-z0-9-]{1,20}|invoice\s+(number\s+|no\.?\s+|#\s*)?[a-z]{0,4}[-_]?\d[a-z0-9-]{1,20})", Linear);
    private static readonly Regex PaymentId = new(@"\b((PAY|PI|CH|TXN|PRQ|TRX)_[a-z0-9]{3,32}|payment\s+(id|reference)\s+(is\s+)?[a-z0-9_-]{4,32})", Linear);
    private static readonly Regex SubscriptionId = new(@"\b((SUB|SUBS)[-_][a-z0-9]{2,32}|subscription\s+(id|number)\s+(is\s+)?[a-z0-9_-]{3,32})", Linear);
    private static readonly Regex AccountId = new(@"\b(customer\s+|billing\s+)?account\s+(number|id|no\.?)?\s*(is\s+)?([A-Z]{0,4}[-_]?\d{3,12})\b", Linear);
    private static readonly Regex SymbolAmount = new(@"([$€£₦])\s?(\d{1,3}(,\d{3})+|\d+)(\.\d{2})?", Linear);
    private static readonly Regex CodeAmount = new(@"\b(\d{1,3}(,\d{3})+|\d+)(\.\d{2})?\s?(USD|EUR|GBP|NGN|CAD|AUD|dollars|euros|pounds|naira)\b", Linear);
    private static readonly Regex DueDate = new(@"\bdue\s+(on\s+|by\s+)?(\d{4}-\d{2}-\d{2}|(january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2})", Linear);
    private static readonly Regex TaxRegion = new(@"\b(EU|UK|US|California|Texas|New York|Florida|Washington|Ontario|Quebec|British Columbia|Germany|France|Spain|Italy|Netherlands|Ireland|Lagos|Nigeria)\b", Linear);
    private static readonly Regex Name = new(@"\b([Mm]y name is|I'm|I am|[Tt]his is|[Cc]aller|[Ss]peaking with)\s+([A-Z][a-z]{1,20}(\s+[A-Z][a-z'-]{1,20}){0,2})", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private readonly ExtractionOptions _options = options.Value;
    private readonly TimeZoneInfo _zone = ResolveZone(options.Value.TimeZone);

    public CallFacts Extract(RedactedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var facts = new Dictionary<string, CallFact>();
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

            facts[name] = new CallFact(Normalize(name, value.Trim()), 0.95, "analysis:" + field);
        }

        var sources = new List<(string Text, string Source, double Confidence, bool Caller)>();
        for (var t = 0; t < call.Turns.Count; t++)
        {
            var turn = call.Turns[t];
            sources.Add((turn.Text, $"turn:{t}", 0.85, !string.Equals(turn.Speaker, "Agent", StringComparison.OrdinalIgnoreCase)));
        }

        if (!string.IsNullOrWhiteSpace(call.Summary))
        {
            sources.Add((call.Summary, "summary", 0.75, true));
        }

        foreach (var (text, source, confidence, caller) in sources)
        {
            FromText(facts, text, source, confidence, caller, call.StartedAt ?? DateTimeOffset.UtcNow);
        }

        if (!facts.ContainsKey(FactNames.Phone) && PhoneNumbers.ToE164(call.CallerPhone, _options.DefaultCountryCode) is { } phone)
        {
            facts[FactNames.Phone] = new CallFact(phone, 0.9, "caller-id");
        }

        var (workflow, confidence2) = WorkflowClassifier.Classify(intent, call, facts);
        return new CallFacts { Workflow = workflow, WorkflowConfidence = confidence2, Fields = facts };
    }

    private void FromText(Dictionary<string, CallFact> facts, string text, string source, double confidence, bool caller, DateTimeOffset callStart)
    {
        void Set(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value) && !facts.ContainsKey(name))
            {
                facts[name] = new CallFact(value, confidence, source);
            }
        }

        Set(FactNames.Email, Email.Match(text) is { Success: true } email ? email.Value.ToLowerInvariant() : null);
        Set(FactNames.InvoiceNumber, Invoice.Match(text) is { Success: true } invoice ? InvoiceId(invoice.Value) : null);
        Set(FactNames.PaymentId, PaymentId.Match(text) is { Success: true } payment ? LastWord(payment.Value) : null);
        Set(FactNames.SubscriptionId, SubscriptionId.Match(text) is { Success: true } subscription ? LastWord(subscription.Value) : null);
        Set(FactNames.AccountNumber, AccountId.Match(text) is { Success: true } account && !text.Contains("[BANK", StringComparison.Ordinal) ? account.Groups[4].Value : null);
        if (!facts.ContainsKey(FactNames.Amount) && FindAmount(text) is { } amount)
        {
            Set(FactNames.Amount, SpokenAmounts.Format(amount.Amount));
            Set(FactNames.Currency, amount.Currency);
        }

        Set(FactNames.DueDate, DueDate.Match(text) is { Success: true } due ? DeadlineResolver.Find("by " + due.Groups[2].Value, callStart, _zone)?.Date : null);
        Set(FactNames.PaymentStatus, PaymentStatus(text));
        if (caller)
        {
            Set(FactNames.CustomerName, Name.Match(text) is { Success: true } name ? name.Groups[2].Value : null);
            Set(FactNames.RefundReason, Sentence(text, "refund"));
            Set(FactNames.DisputeReason, Sentence(text, "charged twice", "double charged", "duplicate", "dispute", "didn't authorize", "did not authorize", "unauthorized", "chargeback", "fraud"));
            Set(FactNames.CreditRequest, Sentence(text, "credit note", "account credit", "a credit", "credit for"));
            Set(FactNames.EscalationReason, Sentence(text, "manager", "supervisor", "lawyer", "legal action", "complaint", "cancel my contract", "regulator"));
            if (Sentence(text, "call me back", "callback", "call back", "ring me") is not null)
            {
                Set(FactNames.CallbackRequested, "true");
            }
        }
        else
        {
            Set(FactNames.PromisedNextStep, Sentence(text, "i'll", "i will", "we'll", "we will", "finance will", "someone will", "you'll receive", "you will receive"));
        }

        if (text.Contains("tax", StringComparison.OrdinalIgnoreCase) || text.Contains("VAT", StringComparison.Ordinal))
        {
            Set(FactNames.TaxRegion, TaxRegion.Match(text) is { Success: true } region ? region.Value : null);
        }

        Set(FactNames.FollowUpDeadline, DeadlineResolver.Find(text, callStart, _zone)?.Date);
    }

    private static (decimal Amount, string Currency)? FindAmount(string text)
    {
        var symbol = SymbolAmount.Match(text);
        if (symbol.Success && Decimal(symbol.Groups[2].Value + symbol.Groups[4].Value) is { } a)
        {
            return (a, symbol.Groups[1].Value switch { "$" => "USD", "€" => "EUR", "£" => "GBP", _ => "NGN" });
        }

        var code = CodeAmount.Match(text);
        if (code.Success && Decimal(code.Groups[1].Value + code.Groups[3].Value) is { } b)
        {
            return (b, code.Groups[4].Value.ToUpperInvariant() switch { "DOLLARS" => "USD", "EUROS" => "EUR", "POUNDS" => "GBP", "NAIRA" => "NGN", var iso => iso });
        }

        return SpokenAmounts.Find(text);
    }

    private static decimal? Decimal(string value) =>
        decimal.TryParse(value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static string Normalize(string name, string value) => name switch
    {
        FactNames.Amount => Decimal(value.TrimStart('$', '€', '£', '₦')) is { } amount ? SpokenAmounts.Format(amount) : value,
        FactNames.Currency => value.ToUpperInvariant(),
        FactNames.Email => value.ToLowerInvariant(),
        FactNames.Phone => PhoneNumbers.ToE164(value) ?? value,
        FactNames.CallbackRequested => value.ToLowerInvariant() is "true" or "yes" or "1" ? "true" : "false",
        _ => value,
    };

    private static string? PaymentStatus(string text)
    {
        var lower = text.ToLowerInvariant();
        return lower switch
        {
            _ when lower.Contains("charged twice", StringComparison.Ordinal) || lower.Contains("double charged", StringComparison.Ordinal) || lower.Contains("duplicate charge", StringComparison.Ordinal) => "duplicate charge",
            _ when lower.Contains("declined", StringComparison.Ordinal) || lower.Contains("failed", StringComparison.Ordinal) => "failed",
            _ when lower.Contains("overdue", StringComparison.Ordinal) || lower.Contains("past due", StringComparison.Ordinal) => "overdue",
            _ when lower.Contains("pending", StringComparison.Ordinal) => "pending",
            _ when lower.Contains("already paid", StringComparison.Ordinal) || lower.Contains("i paid", StringComparison.Ordinal) => "paid",
            _ => null,
        };
    }

    private static string InvoiceId(string match)
    {
        var last = LastWord(match);
        return last.StartsWith("INV", StringComparison.OrdinalIgnoreCase) ? last.ToUpperInvariant() : last;
    }

    private static string LastWord(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].TrimStart('#');

    /// <summary>The first sentence containing any of the phrases (at most 200 characters).</summary>
    private static string? Sentence(string text, params string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            var start = SentenceStart(text, at);
            var end = SentenceEnd(text, at);
            var sentence = text[start..(end < 0 ? text.Length : end + 1)].Trim();
            return sentence.Length <= 200 ? sentence : sentence[..199] + "…";
        }

        return null;
    }

    private static bool IsSentenceStop(string text, int i) =>
        text[i] is '?' or '!' || (text[i] == '.' && !(i > 0 && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])));

    private static int SentenceStart(string text, int at)
    {
        for (var i = at - 1; i >= 0; i--)
        {
            if (IsSentenceStop(text, i))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static int SentenceEnd(string text, int at)
    {
        for (var i = at; i < text.Length; i++)
        {
            if (IsSentenceStop(text, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static TimeZoneInfo ResolveZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new InvalidOperationException($"DialNexa:Extraction:TimeZone '{id}' is not a known time zone; use an IANA name such as America/New_York.", ex);
        }
    }
}

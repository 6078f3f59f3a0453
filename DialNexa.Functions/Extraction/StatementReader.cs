using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// What people said they want, why, and what was promised: the dispute or refund reason (the caller's reason, not a
/// chargeback threat), a credit asked for, an escalation ("speak to a supervisor", not "our office manager"), a callback,
/// the agent's promise and its deadline (or the caller's own by-when), the due date, and signs of the payment's state.
/// </summary>
internal static class StatementReader
{
    private const RegexOptions Linear = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly Regex DisputeReason = new(
        @"\b((charged|billed|debited|hit|taken)\b.{0,20}\b(twice|two times|double|again)|double[- ](charged|billed|debit\w*)|duplicate (charge|payment|debit)|(didn't|did not|never|don't|do not|none of us|nobody here|no one here)\b.{0,15}\b(authori[sz]\w*|recogni[sz]\w*|order\w*|sign\w* up|switched)|unauthori[sz]ed|overcharg\w*|we only have|extra seats|seats we|cancel\w*\b.{0,80}\b(still|again)\s+(charged|billed|debited)|already paid|wrong amount|(amount|price|charge|bill|invoice) (is|was|looks) wrong|quoted|(two|2) (identical|duplicate|same) (charges|payments|debits)|identical charges|same (charge|amount|payment) twice|charged more than|never (ordered|used|signed)|(charged|billed|invoiced) (us |me )?for\b.{0,40}\b(but|when|although|even though)\b|(charged|billed|debited)\b.{0,60}\b((after|although|even though) )?(we|i) (had |already )?cancel\w*|(took|taken|deducted|removed|withdrew|withdrawn)\b.{0,40}\b(twice|two times|double))", Linear);

    private static readonly Regex DisputeWord = new(@"\b(disput\w*|query (a|this|the) (charge|payment)|contest\w*)\b", Linear);

    private static readonly Regex Threat = new(@"\b(chargeback|charge back|my bank|lawyer|solicitor|legal action|report you|ombudsman|small claims|trading standards)\b", Linear);

    private static readonly Regex RefundReason = new(
        @"\b(cancel\w*|by mistake|by accident|accidental\w*|forgot to cancel|haven't used|have not used|didn't use|did not use|never used|did not go through|didn't go through|closing|wrong (licen[cs]e|plan|product)|bought the wrong|excess|overpaid|twice|duplicate|not happy|unhappy|outage|downtime)\b", Linear);

    private static readonly Regex RefundWord = new(@"\b(refund\w*|money back|reimburs\w*)\b", Linear);

    private static readonly Regex CreditRequest = new(
        @"\b(rather have a credit|credit note|account credit|(a|an) credit\b|credit (it|that|this|the difference|us|me)\b|put it against|against (next|our next|my next)|credit (against|towards|to)\b)", Linear);

    private static readonly Regex Escalation = new(
        @"\b((speak|talk) (to|with) (a|your|the|someone|somebody)\s*(manager|supervisor|senior|boss|higher)|someone senior|somebody senior|escalate|escalation|(formal |make a |file a |lodge a )complaint|complain\b|lawyer|solicitor|legal action|ombudsman)", Linear);

    private static readonly Regex Callback = new(
        @"\b((call|ring|phone) me( back)?\b|call-?back|call back\b|give me a (call|ring|bell)|(can|could|would) (someone|somebody|you|they) (please )?(call|ring)|get back to me)", Linear);

    private static readonly Regex NoCallback = new(@"\b(no need|don't|do not|never)\b.{0,15}\b(call|ring)", Linear);

    private static readonly Regex OffersCallback = new(@"\b(would you like|do you want|shall (i|we)|should (i|we))\b.{0,20}\b(call|ring|callback|call back)", Linear);

    private static readonly Regex AskedForNumber = new(@"\b(best number|number to reach|reach you on|number (can|should) we)\b", Linear);

    /// <summary>Something the agent has already done ("I've sent the receipt"): a promise kept, below one still to keep.</summary>
    private static readonly Regex DonePromise = new(
        @"\b(i've|i have|we've|we have)\s+(\w+\s+){0,2}(sent|updated|removed|escalated|raised|logged|opened|noted|flagged|submitted|processed|scheduled|credited|refunded|reversed|lifted|restored|reactivated|switched|requested|added|emailed|texted|arranged|issued|forwarded|cancelled|corrected|changed|put)\b", Linear);

    private static readonly Regex StrongPromise = new(
        @"\b(i'm\s+(opening|requesting|sending|raising|escalating|flagging|processing|refunding|emailing|texting|logging|submitting|arranging|putting)\b|(finance|billing|accounts|they|he|she|someone|somebody|my supervisor|a supervisor|sales|the team|our \w+( \w+)? (team|lead|manager|director))(\s+will|'ll|\s+is going to)\s+(call|ring|review|contact|reach|email|look|get|be in touch|decide|approve)\b|you'll (get|receive|hear|see)\b|(^|,\s*)(sending|emailing|resending)\b|on (its|the) way\b)", Linear);

    /// <summary>"I'll record…", "we'll sort it": any verb after "I'll" or "we'll" is a commitment, except asking for something or being something.</summary>
    private static readonly Regex WillDo = new(@"\b(i'll|i will|we'll|we will|i'm going to|i am going to|we're going to)\s+(also\s+|just\s+|now\s+|then\s+)?(?<verb>[a-z]+)\b", Linear);

    private static readonly HashSet<string> NotCommitments = new(StringComparer.OrdinalIgnoreCase) { "need", "be", "ask", "try", "transfer", "hold" };

    /// <summary>"Please don't share card numbers, I've removed it from our notes": the agent's safety line, not a next step.</summary>
    private static readonly Regex AboutRedaction = new(@"\b(don't|do not|please don't|never) (share|read|give)\b|removed (it|them|that) from (our|the) (notes|record|records|system)", Linear);

    private static readonly Regex WeakPromise = new(@"\b(i|we) can\s+(\w+\s+){0,2}(send|set|switch|refund|retry|resend|email|arrange|update|move|waive|do)\b", Linear);

    private static readonly Regex OnlyAnOffer = new(@"\bif you (like|want|prefer)\b|\bwould you like\b", Linear);

    private static readonly Regex CallerAsks = new(
        @"\b(can you|could you|can (someone|somebody)|please|i need|we need|i want|make sure|retry|try (the \w+ )?again|call me|ring me|i'll|i will|we'll|we will|i can pay|has to be paid|needs? to be (paid|done|sorted))\b", Linear);

    private static readonly Regex Due = new(
        @"\bdue\s+(?:on\s+|by\s+)?(?<when>today|tomorrow|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}(?:st|nd|rd|th)?|\d{4}-\d{2}-\d{2})\b", Linear);

    public static readonly (string Status, Keywords Gate, Regex Pattern)[] StatusSigns =
    [
        ("duplicate charge", new Keywords("twice", "two times", "double", "duplicate", "two charges", "two debits", "two payments", "again", "identical"), new Regex(@"\b((charged|billed|debited|hit|taken|took|deducted|removed|withdrew|withdrawn)\b.{0,40}\b(twice|two times|double|again)|(two|2) identical (charges|payments|debits)|identical charges|same (amount|charge|payment) twice|double[- ](charged|billed|debit\w*)|duplicate (charge|payment|debit|transaction)|two (charges|debits|payments) of|debited again|charged again)\b", Linear)),
        ("failed", new Keywords("declin", "refus", "reject", "fail", "bounc", "go through", "processed", "honour", "permitted", "block", "error", "hold", "insufficient"), new Regex(@"\b(declined|refused|rejected|rejecting|failed|failing|bounced|won't go through|will not go through|didn't go through|did not go through|couldn't be processed|could not be processed|do-not-honour|do not honour|not permitted|blocked|errors? out|says error|(throw\w*|gives?|giving|shows?|showing|get\w*) (us |me )?an error|on hold|insufficient funds)\b", Linear)),
        ("overdue", new Keywords("due", "arrears", "outstanding", "owing", "unpaid", "behind", "notice", "reminder", "late"), new Regex(@"\b(past due|overdue|in arrears|outstanding (balance|amount|invoices?)|owing|unpaid|behind on|months? behind|final (notice|reminder)|days (late|overdue)|late payment)\b", Linear)),
        ("paid", new Keywords("paid", "payment", "arrived"), new Regex(@"\b((i|we|i've|we've) (already )?paid|paid (it|that|this|our|your|the|invoice|yesterday|last)|already paid|made a payment|payment (we|i) made|payment arrived|it arrived|(got|received) (our|the|my) payment)\b", Linear)),
        ("pending", new Keywords("pending"), new Regex(@"\bpending\b", Linear)),
    ];

    private static readonly Regex PaymentNoun = new(@"\b(payment|payments|card|charge|renewal|renew|transfer|debit|auto-?renew|auto debit|transaction|wire|pay button|portal|direct debit|it|pay)\b", Linear);

    private static readonly Keywords ReasonWords = new(
        "twice", "two times", "double", "duplicate", "authori", "recogni", "order", "sign", "switched", "overcharg", "only have", "seats", "cancel", "paid", "wrong",
        "more than", "never", "disput", "query", "contest", "billed", "charged", "invoiced", "debited", "mistake", "accident", "forgot", "used", "go through",
        "closing", "excess", "happy", "outage", "downtime", "refund", "money back", "reimburs", "identical", "same", "quoted", "amount");

    private static readonly Keywords CreditWords = new("credit", "against");
    private static readonly Keywords EscalationWords = new("manager", "supervisor", "senior", "boss", "higher", "escalat", "complain", "lawyer", "solicitor", "legal", "ombudsman");
    private static readonly Keywords CallbackWords = new("call", "ring", "phone", "get back");
    private static readonly Keywords AskWords = new("can ", "could ", "please", "need", "want", "make sure", "retry", "again", "'ll", " will", "has to be");
    private static readonly Keywords PromiseWords = new("'ll", " will", "'ve", " have", "i'm", "going to", "you'll", "sending", "emailing", "resending", "on its way", "on the way", " can ");

    public static void Read(CallConversation call, TimeZoneInfo zone, List<FactCandidate> into)
    {
        var start = call.Call.StartedAt ?? DateTimeOffset.UtcNow;
        foreach (var turn in call.Turns)
        {
            var callerWords = turn.MaybeCaller || turn.Party == Party.Summary;
            var rank = turn.Party == Party.Caller ? CandidateRank.Stated : CandidateRank.Mentioned;
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                void Add(string fact, string value, CandidateRank r) =>
                    into.Add(new FactCandidate(fact, value, r, turn.Index, offset, sentence.Length, turn.Source));

                foreach (var (status, gate, pattern) in StatusSigns)
                {
                    if (gate.In(sentence) && pattern.IsMatch(sentence) && (status != "failed" || PaymentNoun.IsMatch(sentence)))
                    {
                        Add("status:" + status, status, rank);
                    }
                }

                if (sentence.Contains("due", StringComparison.OrdinalIgnoreCase) && Due.Match(sentence) is { Success: true } due && DeadlineResolver.DueDate(due.Groups["when"].Value, start, zone) is { } dueDate)
                {
                    Add(FactNames.DueDate, dueDate, rank);
                }

                if (callerWords)
                {
                    ReadCallerSentence(call, turn, sentence, rank, Add, start, zone);
                }

                if (turn.MaybeAgent && !TurnText.IsQuestion(sentence) && PromiseWords.In(sentence))
                {
                    var strong = StrongPromise.IsMatch(sentence) || WillDo.Matches(sentence).Any(m => IsCommitment(sentence, m));
                    var weak = !strong && ((WeakPromise.IsMatch(sentence) && !OnlyAnOffer.IsMatch(sentence)) || (DonePromise.IsMatch(sentence) && !AboutRedaction.IsMatch(sentence)));
                    if (strong || weak)
                    {
                        var promiseRank = strong ? CandidateRank.Stated : CandidateRank.Mentioned;
                        Add(FactNames.PromisedNextStep, Clip(sentence), promiseRank);
                        if (DeadlineResolver.Find(sentence, start, zone) is { } deadline)
                        {
                            Add(FactNames.FollowUpDeadline, deadline.Date, promiseRank);
                        }
                    }
                }

                if (turn.Party == Party.Agent && CallbackWords.In(sentence) && OffersCallback.IsMatch(sentence) && CallConversation.Affirms(call.Reply(turn.Index, Party.Agent)))
                {
                    Add(FactNames.CallbackRequested, "true", CandidateRank.Verified);
                }
            }
        }
    }

    private static void ReadCallerSentence(CallConversation call, ConversationTurn turn, string sentence, CandidateRank rank, Action<string, string, CandidateRank> add, DateTimeOffset start, TimeZoneInfo zone)
    {
        if (ReasonWords.In(sentence) && (DisputeReason.IsMatch(sentence) || (DisputeWord.IsMatch(sentence) && !Threat.IsMatch(sentence))))
        {
            add(FactNames.DisputeReason, Clip(sentence), DisputeReason.IsMatch(sentence) ? rank : CandidateRank.Mentioned);
        }

        // "I'd like to dispute that." names no reason: the caller's sentence before it does ("you've charged us £65, so the amount is wrong").
        if (DisputeWord.IsMatch(sentence) && !DisputeReason.IsMatch(sentence) && PreviousSentence(turn, sentence) is { } reason && MoneyTalk.IsMatch(reason))
        {
            add(FactNames.DisputeReason, Clip(reason), rank);
        }

        if (ReasonWords.In(sentence) && (RefundReason.IsMatch(sentence) || RefundWord.IsMatch(sentence)))
        {
            add(FactNames.RefundReason, Clip(sentence), RefundReason.IsMatch(sentence) ? rank : CandidateRank.Mentioned);
        }

        if (turn.Party == Party.Summary)
        {
            return;
        }

        if (CreditWords.In(sentence) && CreditRequest.IsMatch(sentence))
        {
            add(FactNames.CreditRequest, Clip(sentence), rank);
        }

        if (EscalationWords.In(sentence) && Escalation.IsMatch(sentence))
        {
            add(FactNames.EscalationReason, Clip(sentence), rank);
        }

        var answeringForNumber = call.Before(turn.Index) is { Party: not Party.Caller } asked && AskedForNumber.IsMatch(asked.Text);
        if (CallbackWords.In(sentence) && Callback.IsMatch(sentence) && !NoCallback.IsMatch(sentence) && !answeringForNumber)
        {
            add(FactNames.CallbackRequested, "true", rank);
        }

        if (AskWords.In(sentence) && CallerAsks.IsMatch(sentence) && DeadlineResolver.Find(sentence, start, zone) is { } deadline)
        {
            add(FactNames.FollowUpDeadline, deadline.Date, CandidateRank.Mentioned);
        }
    }

    /// <summary>"I'll have a supervisor call you" is a commitment; "I'll have to ask", "I'll need your email" and "I'll be honest" are not.</summary>
    private static bool IsCommitment(string sentence, Match will)
    {
        var verb = will.Groups["verb"].Value;
        return !NotCommitments.Contains(verb) && !(verb.Equals("have", StringComparison.OrdinalIgnoreCase) && sentence.AsSpan(will.Index + will.Length).TrimStart().StartsWith("to ", StringComparison.OrdinalIgnoreCase));
    }

    private static readonly Regex MoneyTalk = new(@"\b(charg\w*|bill\w*|debit\w*|paid|pay\w*|invoice\w*|amount|price|fee)\b|[$£€₦]", Linear);

    private static string? PreviousSentence(ConversationTurn turn, string sentence)
    {
        var at = -1;
        for (var i = 0; i < turn.Sentences.Count; i++)
        {
            if (ReferenceEquals(turn.Sentences[i], sentence) || turn.Sentences[i] == sentence)
            {
                at = i;
                break;
            }
        }

        return at > 0 ? turn.Sentences[at - 1] : null;
    }

    private static string Clip(string sentence) => sentence.Length <= 200 ? sentence : sentence[..199] + "…";
}

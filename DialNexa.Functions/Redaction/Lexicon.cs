namespace DialNexa.Functions.Redaction;

/// <summary>The words redaction understands: spoken digits, fillers, and context words, looked up without allocating.</summary>
internal static class Lexicon
{
    private static readonly Dictionary<string, LexiconEntry> Words = Build();
    private static readonly Dictionary<string, LexiconEntry>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The entry of a word (case-insensitive); <see cref="WordRole.Other"/> with no tags when unknown.</summary>
    public static LexiconEntry Find(ReadOnlySpan<char> word)
    {
        if (word.Length > 16)
        {
            return default;
        }

        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        return Lookup.TryGetValue(lower, out var entry) ? entry : default;
    }

    private static Dictionary<string, LexiconEntry> Build()
    {
        var words = new Dictionary<string, LexiconEntry>(StringComparer.Ordinal);
        string[] digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        for (var i = 0; i < digits.Length; i++)
        {
            words[digits[i]] = new LexiconEntry(WordRole.Digit, i, ContextTag.None);
        }

        words["nought"] = new LexiconEntry(WordRole.Digit, 0, ContextTag.None);
        words["oh"] = new LexiconEntry(WordRole.Oh, 0, ContextTag.None);
        words["o"] = new LexiconEntry(WordRole.Oh, 0, ContextTag.None);
        string[] teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
        for (var i = 0; i < teens.Length; i++)
        {
            words[teens[i]] = new LexiconEntry(WordRole.Teen, 10 + i, ContextTag.None);
        }

        string[] tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
        for (var i = 0; i < tens.Length; i++)
        {
            words[tens[i]] = new LexiconEntry(WordRole.Tens, i + 2, ContextTag.None);
        }

        words["double"] = new LexiconEntry(WordRole.Double, 0, ContextTag.None);
        words["triple"] = new LexiconEntry(WordRole.Triple, 0, ContextTag.None);
        foreach (var filler in new[] { "uh", "um", "uhm", "umm", "er", "erm", "ah", "hmm", "mm" })
        {
            words[filler] = new LexiconEntry(WordRole.Filler, 0, ContextTag.None);
        }

        words["dash"] = new LexiconEntry(WordRole.Separator, 0, ContextTag.None);
        words["hyphen"] = new LexiconEntry(WordRole.Separator, 0, ContextTag.None);
        words["slash"] = new LexiconEntry(WordRole.Slash, 0, ContextTag.None);
        foreach (var amount in new[] { "hundred", "thousand", "million", "dollars", "dollar", "bucks", "euros", "euro", "pounds", "cents", "naira", "percent", "usd", "eur", "gbp", "ngn", "point" })
        {
            words[amount] = new LexiconEntry(WordRole.AmountWord, 0, ContextTag.Amount);
        }

        void Tag(ContextTag tag, params string[] names)
        {
            foreach (var name in names)
            {
                words[name] = words.TryGetValue(name, out var existing) ? existing with { Tags = existing.Tags | tag } : new LexiconEntry(WordRole.Other, 0, tag);
            }
        }

        Tag(ContextTag.Card, "card", "cards", "visa", "mastercard", "amex", "discover", "credit", "debit", "cc", "pan", "maestro", "unionpay", "jcb");
        Tag(ContextTag.Cvv, "cvv", "cvc", "cvv2", "cvc2", "cid", "csc", "verification");
        Tag(ContextTag.Code, "code");
        Tag(ContextTag.Security, "security");
        Tag(ContextTag.Back, "back", "reverse");
        Tag(ContextTag.Digits, "digits", "digit");
        Tag(ContextTag.Pin, "pin");
        Tag(ContextTag.Expiry, "expiry", "expiration", "expires", "expire", "exp", "expiring", "thru");
        Tag(ContextTag.Routing, "routing", "aba", "transit", "rtn");
        Tag(ContextTag.Bank, "bank", "checking", "chequing", "savings", "iban", "deposit", "ach", "wire", "swift", "bic");
        Tag(ContextTag.Sort, "sort");
        Tag(ContextTag.Social, "social");
        Tag(ContextTag.Ssn, "ssn");
        Tag(ContextTag.Itin, "itin");
        Tag(ContextTag.Ein, "ein", "employer");
        Tag(ContextTag.Tax, "tax", "taxpayer", "tin", "fein");
        Tag(ContextTag.Vat, "vat");
        Tag(ContextTag.LastFour, "last", "ending", "ends", "ended");
        Tag(ContextTag.Account, "account", "acct", "accounts");
        Tag(ContextTag.Phone, "phone", "telephone", "cell", "mobile", "callback", "call", "reach", "text", "landline", "whatsapp", "fax");
        Tag(ContextTag.BillingDocument, "statement", "statements", "w-9", "w9", "1099", "payslip", "paystub", "return");
        return words;
    }
}

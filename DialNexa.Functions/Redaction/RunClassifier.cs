namespace DialNexa.Functions.Redaction;

/// <summary>
/// Decides what a number run is from its digits, its written grouping and the words around it. Validators first
/// (Luhn with a card prefix, SSN/ITIN/EIN formats, ABA checksum); context words second, because speech-to-text mishears
/// digits and a card-length run said in a card context must go even when its checksum fails.
/// </summary>
internal static class RunClassifier
{
    private const int WideWindowBefore = 12;
    private const int NearWindowBefore = 4;
    private const int WindowAfter = 4;

    /// <summary>Words that make a number near a phone word something else than a phone number.</summary>
    private const ContextTag CompetesWithPhone = ContextTag.Card | ContextTag.Cvv | ContextTag.Pin | ContextTag.Routing | ContextTag.Bank
        | ContextTag.Sort | ContextTag.Ssn | ContextTag.Social | ContextTag.Itin | ContextTag.Ein | ContextTag.Tax | ContextTag.Vat | ContextTag.Account;

    /// <summary>Tags that say what kind of number follows; the nearest phrase made of them names the run.</summary>
    private const ContextTag KindWords = CompetesWithPhone | ContextTag.Code | ContextTag.Security;

    public static (SensitiveKind Kind, string Validator)? Classify(string digits, string groups, RunContext context)
    {
        var (near, wide, nearest) = context;
        var n = digits.Length;
        var span = digits.AsSpan();
        if (n == 4 && near.HasFlag(ContextTag.LastFour))
        {
            return null;
        }

        if (IsPhoneMention(span, near))
        {
            return null;
        }

        var cvvContext = wide.HasFlag(ContextTag.Cvv) || (wide.HasFlag(ContextTag.Security) && !wide.HasFlag(ContextTag.Social)) || (near.HasFlag(ContextTag.Code) && wide.HasFlag(ContextTag.Card))
            || (wide.HasFlag(ContextTag.Back) && (wide.HasFlag(ContextTag.Code) || wide.HasFlag(ContextTag.Digits) || wide.HasFlag(ContextTag.Card)));
        var ssnContext = wide.HasFlag(ContextTag.Ssn) || wide.HasFlag(ContextTag.Social);
        var bankContext = wide.HasFlag(ContextTag.Bank) || wide.HasFlag(ContextTag.Sort) || wide.HasFlag(ContextTag.Routing);
        if (n is >= 13 and <= 19 && Checksums.PlausibleCardPrefix(span) && Checksums.Luhn(span))
        {
            return (SensitiveKind.CardNumber, "luhn");
        }

        if (n == 9 && FormattedTaxId(span, groups) is { } formatted)
        {
            return formatted;
        }

        if (ByNearestPhrase(n, nearest, wide) is { } named)
        {
            return named;
        }

        if (n is >= 13 and <= 19)
        {

            if (wide.HasFlag(ContextTag.Card))
            {
                return (SensitiveKind.CardNumber, "card-context");
            }

            if (bankContext && n <= 17)
            {
                return (SensitiveKind.BankAccount, "bank-context");
            }

            return null;
        }

        if (n is > 19 and <= 26 && (wide.HasFlag(ContextTag.Card) || bankContext))
        {
            return wide.HasFlag(ContextTag.Card) ? (SensitiveKind.CardNumber, "card-context") : (SensitiveKind.BankAccount, "bank-context");
        }

        if (n == 9)
        {
            if (wide.HasFlag(ContextTag.Itin))
            {
                return (SensitiveKind.Itin, "itin-context");
            }

            if (ssnContext)
            {
                return (SensitiveKind.Ssn, Checksums.Ssn(span) ? "ssn-rules" : "ssn-context");
            }

            if (wide.HasFlag(ContextTag.Ein) || (wide.HasFlag(ContextTag.Tax) && !wide.HasFlag(ContextTag.Vat)))
            {
                return (SensitiveKind.Ein, "tax-id-context");
            }

            if (wide.HasFlag(ContextTag.Routing))
            {
                return (SensitiveKind.RoutingNumber, Checksums.AbaRouting(span) ? "aba-checksum" : "routing-context");
            }

            if (wide.HasFlag(ContextTag.Vat))
            {
                return (SensitiveKind.VatNumber, "vat-context");
            }

            if (bankContext)
            {
                return (SensitiveKind.BankAccount, "bank-context");
            }
        }

        if (n == 6 && wide.HasFlag(ContextTag.Sort))
        {
            return (SensitiveKind.SortCode, "sort-code-context");
        }

        if (n is 3 or 4 && cvvContext)
        {
            return (SensitiveKind.Cvv, "cvv-context");
        }

        if (n is >= 4 and <= 6 && wide.HasFlag(ContextTag.Pin))
        {
            return (SensitiveKind.Pin, "pin-context");
        }

        if (n is >= 6 and <= 17 && bankContext)
        {
            return (SensitiveKind.BankAccount, "bank-context");
        }

        if (n is >= 8 and <= 12 && wide.HasFlag(ContextTag.Vat))
        {
            return (SensitiveKind.VatNumber, "vat-context");
        }

        if (n is >= 8 and <= 12 && (wide.HasFlag(ContextTag.Tax) || wide.HasFlag(ContextTag.Ein)))
        {
            return (SensitiveKind.Ein, "tax-id-context");
        }

        return null;
    }

    /// <summary>A nine-digit run typed as an SSN or ITIN (3-2-4) or an EIN (2-7) that passes its format rules.</summary>
    private static (SensitiveKind Kind, string Validator)? FormattedTaxId(ReadOnlySpan<char> digits, string groups)
    {
        if (groups == "3-2-4")
        {
            if (Checksums.Itin(digits))
            {
                return (SensitiveKind.Itin, "itin-format");
            }

            if (Checksums.Ssn(digits))
            {
                return (SensitiveKind.Ssn, "ssn-format");
            }
        }

        return groups == "2-7" && Checksums.Ein(digits) ? (SensitiveKind.Ein, "ein-format") : null;
    }

    /// <summary>
    /// The kind the closest context phrase names, when the run's length fits it: "routing number is 021000021 and account
    /// number 123456789. SSN 123-45-6789" is a routing number, a bank account and an SSN, although every run has all
    /// three words within its wide window; "PIN is 4321, and the CVV" is a PIN.
    /// </summary>
    private static (SensitiveKind Kind, string Validator)? ByNearestPhrase(int n, ContextTag nearest, ContextTag wide)
    {
        if (nearest == ContextTag.None)
        {
            return null;
        }

        var social = nearest.HasFlag(ContextTag.Ssn) || nearest.HasFlag(ContextTag.Social);
        var bankWide = wide.HasFlag(ContextTag.Bank) || wide.HasFlag(ContextTag.Sort) || wide.HasFlag(ContextTag.Routing);
        return n switch
        {
            9 when nearest.HasFlag(ContextTag.Routing) => (SensitiveKind.RoutingNumber, "routing-phrase"),
            9 when nearest.HasFlag(ContextTag.Itin) => (SensitiveKind.Itin, "itin-phrase"),
            9 when social => (SensitiveKind.Ssn, "ssn-phrase"),
            9 when nearest.HasFlag(ContextTag.Ein) || (nearest.HasFlag(ContextTag.Tax) && !nearest.HasFlag(ContextTag.Vat)) => (SensitiveKind.Ein, "tax-id-phrase"),
            6 when nearest.HasFlag(ContextTag.Sort) => (SensitiveKind.SortCode, "sort-code-phrase"),
            >= 4 and <= 6 when nearest.HasFlag(ContextTag.Pin) => (SensitiveKind.Pin, "pin-phrase"),
            3 or 4 when nearest.HasFlag(ContextTag.Cvv) || (nearest.HasFlag(ContextTag.Security) && !social) || (nearest.HasFlag(ContextTag.Code) && wide.HasFlag(ContextTag.Card)) => (SensitiveKind.Cvv, "cvv-phrase"),
            >= 8 and <= 12 when nearest.HasFlag(ContextTag.Vat) => (SensitiveKind.VatNumber, "vat-phrase"),
            >= 6 and <= 17 when nearest.HasFlag(ContextTag.Bank) || (nearest.HasFlag(ContextTag.Account) && bankWide) => (SensitiveKind.BankAccount, "bank-phrase"),
            >= 13 and <= 26 when nearest.HasFlag(ContextTag.Card) => (SensitiveKind.CardNumber, "card-phrase"),
            _ => null,
        };
    }

    /// <summary>
    /// A phone-shaped run (7 digits, 10 NANP digits, 11 with the leading 1, or up to 15 for E.164) said right after a
    /// phone word ("call me at", "my callback number is"), with no card, bank or tax word between or just after, is a phone number,
    /// even when an account number was read a few words earlier: callers give both in one breath, and phone numbers
    /// must stay verbatim for callbacks.
    /// </summary>
    private static bool IsPhoneMention(ReadOnlySpan<char> digits, ContextTag near)
    {
        if (!near.HasFlag(ContextTag.PhoneLeads))
        {
            return false;
        }

        return digits.Length switch
        {
            7 => true,
            10 => IsNanpNumber(digits),
            11 => digits[0] == '1' && IsNanpNumber(digits[1..]),
            >= 12 and <= 15 => digits[0] != '0' && !(Checksums.PlausibleCardPrefix(digits) && Checksums.Luhn(digits)),
            _ => false,
        };
    }

    /// <summary>North American numbering: area code and exchange both start with 2–9.</summary>
    private static bool IsNanpNumber(ReadOnlySpan<char> ten) => ten[0] is >= '2' and <= '9' && ten[3] is >= '2' and <= '9';

    /// <summary>Tags of the words near a run (see <see cref="RunContext"/>).</summary>
    public static RunContext ContextAround(List<Token> tokens, int firstToken, int lastToken)
    {
        ContextTag near = ContextTag.None, wide = ContextTag.None, leading = ContextTag.None, after = ContextTag.None;
        PhraseTags before = default, following = default;
        var words = 0;
        for (var k = firstToken - 1; k >= 0 && words < WideWindowBefore; k--)
        {
            if (EndsPhrase(tokens[k]))
            {
                before.Close();
            }

            if (tokens[k].Kind is TokenKind.Word or TokenKind.Alphanumeric && !IsNumberWord(tokens[k]))
            {
                words++;
                var tags = tokens[k].Entry.Tags;
                wide |= tags;
                if (words <= NearWindowBefore)
                {
                    near |= tags;
                    before.Add(tags & KindWords);
                    if (leading == ContextTag.None)
                    {
                        leading = tags & ~ContextTag.Amount;
                    }
                }
            }
        }

        words = 0;
        for (var k = lastToken + 1; k < tokens.Count && words < WindowAfter; k++)
        {
            if (EndsPhrase(tokens[k]))
            {
                following.Close();
            }

            if (tokens[k].Kind is TokenKind.Word or TokenKind.Alphanumeric && !IsNumberWord(tokens[k]))
            {
                words++;
                wide |= tokens[k].Entry.Tags;
                near |= tokens[k].Entry.Tags & ~ContextTag.LastFour;
                after |= tokens[k].Entry.Tags;
                following.Add(tokens[k].Entry.Tags & KindWords);
            }
        }

        if (leading.HasFlag(ContextTag.Phone) && ((leading | after) & CompetesWithPhone) == ContextTag.None)
        {
            near |= ContextTag.PhoneLeads;
        }

        return new RunContext(near, wide, before.Tags != ContextTag.None ? before.Tags : following.Tags);
    }

    /// <summary>Another number (typed or spoken) or a sentence mark ends a phrase of context words.</summary>
    private static bool EndsPhrase(Token token) =>
        token.Kind is TokenKind.Digits or TokenKind.Punctuation || (token.Kind == TokenKind.Word && IsNumberWord(token) && token.Entry.Role != WordRole.Filler);

    /// <summary>The first run of consecutive context words met while walking away from a number.</summary>
    private struct PhraseTags
    {
        private bool _closed;

        public ContextTag Tags { get; private set; }

        /// <summary>Ends the phrase once it has begun; before that, nothing is closed.</summary>
        public void Close() => _closed |= Tags != ContextTag.None;

        public void Add(ContextTag tags)
        {
            if (_closed)
            {
                return;
            }

            if (tags != ContextTag.None)
            {
                Tags |= tags;
            }
            else if (Tags != ContextTag.None)
            {
                _closed = true;
            }
        }
    }

    /// <summary>Spoken digits and fillers carry no context and do not use up the window.</summary>
    private static bool IsNumberWord(Token token) =>
        token.Kind == TokenKind.Word && token.Entry.Role is not (WordRole.Other or WordRole.AmountWord);
}

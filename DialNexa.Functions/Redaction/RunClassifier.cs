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

    public static (SensitiveKind Kind, string Validator)? Classify(string digits, string groups, ContextTag near, ContextTag wide)
    {
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
        if (n is >= 13 and <= 19)
        {
            if (Checksums.PlausibleCardPrefix(span) && Checksums.Luhn(span))
            {
                return (SensitiveKind.CardNumber, "luhn");
            }

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
            if (groups == "3-2-4")
            {
                if (Checksums.Itin(span))
                {
                    return (SensitiveKind.Itin, "itin-format");
                }

                if (Checksums.Ssn(span))
                {
                    return (SensitiveKind.Ssn, "ssn-format");
                }
            }

            if (groups == "2-7" && Checksums.Ein(span))
            {
                return (SensitiveKind.Ein, "ein-format");
            }

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

    /// <summary>Tags of the words near a run: (within 4 words before or after, within 12 words before or 4 after).</summary>
    public static (ContextTag Near, ContextTag Wide) ContextAround(List<Token> tokens, int firstToken, int lastToken)
    {
        ContextTag near = ContextTag.None, wide = ContextTag.None, leading = ContextTag.None, after = ContextTag.None;
        var words = 0;
        for (var k = firstToken - 1; k >= 0 && words < WideWindowBefore; k--)
        {
            if (tokens[k].Kind is TokenKind.Word or TokenKind.Alphanumeric && !IsNumberWord(tokens[k]))
            {
                words++;
                var tags = tokens[k].Entry.Tags;
                wide |= tags;
                if (words <= NearWindowBefore)
                {
                    near |= tags;
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
            if (tokens[k].Kind is TokenKind.Word or TokenKind.Alphanumeric && !IsNumberWord(tokens[k]))
            {
                words++;
                wide |= tokens[k].Entry.Tags;
                near |= tokens[k].Entry.Tags & ~ContextTag.LastFour;
                after |= tokens[k].Entry.Tags;
            }
        }

        if (leading.HasFlag(ContextTag.Phone) && ((leading | after) & CompetesWithPhone) == ContextTag.None)
        {
            near |= ContextTag.PhoneLeads;
        }

        return (near, wide);
    }

    /// <summary>Spoken digits and fillers carry no context and do not use up the window.</summary>
    private static bool IsNumberWord(Token token) =>
        token.Kind == TokenKind.Word && token.Entry.Role is not (WordRole.Other or WordRole.AmountWord);
}

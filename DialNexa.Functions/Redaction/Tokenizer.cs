namespace DialNexa.Functions.Redaction;

/// <summary>
/// Splits text into tokens in one pass: spaces, digit groups, words (with their lexicon entry), punctuation, and
/// chunks kept whole (emails, URLs, IDs such as INV-20931 or CUS_8f2a) that must never join a number.
/// </summary>
internal static class Tokenizer
{
    public static void Tokenize(ReadOnlySpan<char> text, List<Token> tokens)
    {
        tokens.Clear();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                var start = i;
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Space, start, i - start, default));
                continue;
            }

            var chunkStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            AddChunk(text, chunkStart, i, tokens);
        }
    }

    private static void AddChunk(ReadOnlySpan<char> text, int start, int end, List<Token> tokens)
    {
        // Trailing sentence punctuation is not part of an email, URL or ID.
        var coreEnd = end;
        while (coreEnd > start && text[coreEnd - 1] is '.' or ',' or '?' or '!' or ';' or ':' or ')' or '"' or '\'')
        {
            coreEnd--;
        }

        var leading = start;
        while (leading < coreEnd && text[leading] is '(' or '"' or '\'')
        {
            leading++;
        }

        var core = text[leading..coreEnd];
        if (core.Length > 0 && IsKeptWhole(core))
        {
            for (var p = start; p < leading; p++)
            {
                tokens.Add(new Token(TokenKind.Punctuation, p, 1, default));
            }

            tokens.Add(new Token(TokenKind.Protected, leading, coreEnd - leading, default));
            for (var p = coreEnd; p < end; p++)
            {
                tokens.Add(new Token(TokenKind.Punctuation, p, 1, default));
            }

            return;
        }

        var i = start;
        while (i < end)
        {
            var c = text[i];
            var runStart = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < end && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i < end && char.IsLetter(text[i]))
                {
                    // "4th", "A1B2C3", "GB29NWBK": letters and digits together are one alphanumeric token.
                    while (i < end && char.IsLetterOrDigit(text[i]))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Alphanumeric, runStart, i - runStart, default));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Digits, runStart, i - runStart, default));
                }
            }
            else if (char.IsLetter(c))
            {
                var hasDigit = false;
                while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '\''))
                {
                    hasDigit |= char.IsAsciiDigit(text[i]);
                    i++;
                }

                var word = text[runStart..i];
                tokens.Add(hasDigit
                    ? new Token(TokenKind.Alphanumeric, runStart, i - runStart, default)
                    : new Token(TokenKind.Word, runStart, i - runStart, Lexicon.Find(word.TrimEnd('\''))));
            }
            else
            {
                i++;
                tokens.Add(new Token(TokenKind.Punctuation, runStart, 1, default));
            }
        }
    }

    /// <summary>Emails, URLs and IDs with a letter prefix and a digit after a separator (INV-20931, CUS_8f2a, PRQ_x9).</summary>
    private static bool IsKeptWhole(ReadOnlySpan<char> core)
    {
        var at = core.IndexOf('@');
        if (at > 0 && core[(at + 1)..].Contains('.'))
        {
            return true;
        }

        if (core.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || core.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || core.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var letters = 0;
        while (letters < core.Length && char.IsAsciiLetter(core[letters]))
        {
            letters++;
        }

        if (letters < 2 || letters >= core.Length - 1 || core[letters] is not ('-' or '_'))
        {
            return false;
        }

        var rest = core[(letters + 1)..];
        var digit = false;
        foreach (var c in rest)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }

            digit |= char.IsAsciiDigit(c);
        }

        // "twenty-eight" has no digit; "INV-20931" and "CUS_8f2a" do. A word prefix with letters only after it is a hyphenated word.
        return digit || core[..letters].ToString().ToUpperInvariant() == core[..letters].ToString();
    }
}

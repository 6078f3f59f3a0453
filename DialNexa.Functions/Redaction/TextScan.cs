namespace DialNexa.Functions.Redaction;

/// <summary>One text's tokens and number runs, and the sensitive spans found in it on its own.</summary>
internal sealed class TextScan
{
    [ThreadStatic]
    private static List<Token>? t_tokens;

    [ThreadStatic]
    private static List<NumberRun>? t_runs;

    public TextScan(string text)
    {
        Text = text;
        Tokens = t_tokens ??= new List<Token>(256);
        var runs = t_runs ??= new List<NumberRun>(8);
        Tokenizer.Tokenize(text, Tokens);
        RunScanner.Scan(text, Tokens, runs);
        Runs = runs.Count == 0 ? [] : [.. runs];
        Classified = new (SensitiveKind Kind, string Validator)?[Runs.Count];
        for (var r = 0; r < Runs.Count; r++)
        {
            var run = Runs[r];
            Classified[r] = RunClassifier.Classify(run.Digits, run.Groups, RunClassifier.ContextAround(Tokens, run.FirstToken, run.LastToken));
            if (Classified[r] is { } found)
            {
                Spans.Add(new SensitiveSpan(run.Start, run.End, found.Kind, found.Validator));
            }
        }

        FindExpiries();
        FindAlphanumericIds();
        PrivateBillingDocument = MentionsBillingDocument();
        WordCount = Tokens.Count(t => t.Kind is TokenKind.Word or TokenKind.Digits or TokenKind.Alphanumeric);
        if (Runs.Count > 0)
        {
            LastRunContext = RunClassifier.ContextAround(Tokens, Runs[^1].FirstToken, Runs[^1].LastToken);
        }

        // The token buffer is reused by the next scan on this thread; nothing below needs it.
        Tokens = [];
    }

    public string Text { get; }

    /// <summary>The tokens, only while the scan is being built.</summary>
    private List<Token> Tokens { get; set; }

    public IReadOnlyList<NumberRun> Runs { get; }

    /// <summary>Words and numbers in the text (for telling a short acknowledgement from a real turn).</summary>
    public int WordCount { get; }

    /// <summary>The context of the text's last number run, for joining it with the next turn.</summary>
    public RunContext LastRunContext { get; }

    public (SensitiveKind Kind, string Validator)?[] Classified { get; }

    public List<SensitiveSpan> Spans { get; } = new(0);

    public bool PrivateBillingDocument { get; }

    /// <summary>"expiry oh four slash twenty eight", "exp 04/28", "expires 4 28": month and year after an expiry word.</summary>
    private void FindExpiries()
    {
        for (var k = 0; k < Tokens.Count; k++)
        {
            if (Tokens[k].Kind != TokenKind.Word || !Tokens[k].Entry.Tags.HasFlag(ContextTag.Expiry))
            {
                continue;
            }

            var digits = 0;
            int first = -1, last = -1;
            var skippedWords = 0;
            for (var j = k + 1; j < Tokens.Count && j <= k + 16; j++)
            {
                var token = Tokens[j];
                var entry = token.Entry;
                if (token.Kind == TokenKind.Digits && token.Length <= 4)
                {
                    digits += token.Length;
                }
                else if (token.Kind == TokenKind.Word && entry.Role is WordRole.Digit or WordRole.Oh)
                {
                    digits += 1;
                }
                else if (token.Kind == TokenKind.Word && entry.Role is WordRole.Teen or WordRole.Tens)
                {
                    digits += 2;
                }
                else if (token.Kind == TokenKind.Space || token.Kind == TokenKind.Punctuation && Text[token.Start] is '/' or '-' or ',' or ':' || token.Kind == TokenKind.Word && entry.Role is WordRole.Slash or WordRole.Filler)
                {
                    continue;
                }
                else if (first < 0 && token.Kind == TokenKind.Word && skippedWords < 3 && entry.Role == WordRole.Other)
                {
                    skippedWords++;
                    continue;
                }
                else
                {
                    break;
                }

                if (first < 0)
                {
                    first = j;
                }

                last = j;
                if (digits >= 6)
                {
                    break;
                }
            }

            if (first >= 0 && digits >= 3)
            {
                Spans.Add(new SensitiveSpan(Tokens[first].Start, Tokens[last].End, SensitiveKind.Expiry, "expiry-context"));
            }
        }
    }

    /// <summary>IBANs (mod-97, country length), typed with or without spaces, and VAT numbers with a country prefix in a VAT context.</summary>
    private void FindAlphanumericIds()
    {
        var text = Text.AsSpan();
        for (var k = 0; k < Tokens.Count; k++)
        {
            var token = Tokens[k];
            if (token.Kind != TokenKind.Alphanumeric || token.Length < 4)
            {
                continue;
            }

            var head = text.Slice(token.Start, token.Length);
            if (head.Length >= 4 && char.IsAsciiLetter(head[0]) && char.IsAsciiLetter(head[1]) && char.IsAsciiDigit(head[2]) && char.IsAsciiDigit(head[3]))
            {
                if (TryIban(k, out var end))
                {
                    Spans.Add(new SensitiveSpan(token.Start, end, SensitiveKind.Iban, "iban-mod97"));
                    continue;
                }
            }

            if (head.Length is >= 10 and <= 14 && char.IsAsciiLetter(head[0]) && char.IsAsciiLetter(head[1]) && IsDigits(head[2..]))
            {
                var wide = RunClassifier.ContextAround(Tokens, k, k).Wide;
                if (wide.HasFlag(ContextTag.Vat) || wide.HasFlag(ContextTag.Tax))
                {
                    Spans.Add(new SensitiveSpan(token.Start, token.End, SensitiveKind.VatNumber, "vat-context"));
                }
            }
        }
    }

    private bool TryIban(int firstToken, out int end)
    {
        Span<char> compact = stackalloc char[34];
        var length = 0;
        end = 0;
        var found = false;
        for (var k = firstToken; k < Tokens.Count; k++)
        {
            var token = Tokens[k];
            if (token.Kind == TokenKind.Space)
            {
                if (token.Length > 1)
                {
                    break;
                }

                continue;
            }

            if (token.Kind is not (TokenKind.Alphanumeric or TokenKind.Digits or TokenKind.Word))
            {
                break;
            }

            var part = Text.AsSpan(token.Start, token.Length);
            if (length + part.Length > 34)
            {
                break;
            }

            foreach (var c in part)
            {
                compact[length++] = char.ToUpperInvariant(c);
            }

            if (length >= 15 && Checksums.Iban(compact[..length]))
            {
                end = token.End;
                found = true;
            }
        }

        return found;
    }

    private bool MentionsBillingDocument()
    {
        if (Text.Contains("W-9", StringComparison.OrdinalIgnoreCase) || Text.Contains("W-8BEN", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var previous = ContextTag.None;
        foreach (var token in Tokens)
        {
            if (token.Kind is not (TokenKind.Word or TokenKind.Alphanumeric or TokenKind.Protected))
            {
                continue;
            }

            var word = Text.AsSpan(token.Start, token.Length);
            if (word.Equals("w-9", StringComparison.OrdinalIgnoreCase) || word.Equals("w9", StringComparison.OrdinalIgnoreCase)
                || word.Equals("1099", StringComparison.OrdinalIgnoreCase) || word.Equals("payslip", StringComparison.OrdinalIgnoreCase)
                || word.Equals("paystub", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (token.Entry.Tags.HasFlag(ContextTag.BillingDocument) && (previous.HasFlag(ContextTag.Bank) || previous.HasFlag(ContextTag.Tax)))
            {
                return true;
            }

            previous = token.Entry.Tags;
        }

        return false;
    }

    private static bool IsDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Text;

namespace DialNexa.Functions.Redaction;

/// <summary>
/// Finds number runs in tokens: digit groups, spoken digits ("oh", "double", "forty two"), mixed, with spaces, dashes,
/// dots, commas and fillers between. Amounts ("$249.00", "two hundred dollars"), times and dates with '/' or ':' end a
/// run; emails and IDs never join one.
/// </summary>
internal static class RunScanner
{
    private const int MaxGapTokens = 4;

    [ThreadStatic]
    private static StringBuilder? t_digits;

    [ThreadStatic]
    private static StringBuilder? t_groups;

    public static void Scan(ReadOnlySpan<char> text, List<Token> tokens, List<NumberRun> runs)
    {
        runs.Clear();
        var i = 0;
        var digits = t_digits ??= new StringBuilder(64);
        var groups = t_groups ??= new StringBuilder(16);
        var firstContent = -1;
        var lastContent = -1;
        for (var k = 0; k < tokens.Count; k++)
        {
            if (IsContent(tokens[k]))
            {
                firstContent = firstContent < 0 ? k : firstContent;
                lastContent = k;
            }
        }

        while (i < tokens.Count)
        {
            if (!StartsRun(text, tokens, i))
            {
                i++;
                continue;
            }

            digits.Clear();
            groups.Clear();
            var first = i;
            var last = i;
            var spoken = false;
            var multiplier = 1;
            var tensOpen = false;
            var gap = 0;
            var amount = false;
            var writtenGroup = 0;
            var j = i;
            for (; j < tokens.Count; j++)
            {
                var token = tokens[j];
                if (token.Kind == TokenKind.Digits)
                {
                    if (IsAmount(text, tokens, j))
                    {
                        amount = digits.Length == 0;
                        break;
                    }

                    CloseTens(digits, ref tensOpen);
                    var value = text.Slice(token.Start, token.Length);
                    digits.Append(value);
                    if (multiplier > 1)
                    {
                        digits.Append(value[0], multiplier - 1);
                        multiplier = 1;
                    }

                    if (writtenGroup > 0 && groups.Length > 0 || groups.Length == 0)
                    {
                        if (groups.Length > 0)
                        {
                            groups.Append('-');
                        }

                        groups.Append(token.Length);
                    }

                    writtenGroup++;
                    last = j;
                    gap = 0;
                    continue;
                }

                if (token.Kind == TokenKind.Word)
                {
                    var entry = token.Entry;
                    switch (entry.Role)
                    {
                        case WordRole.Digit:
                            if (tensOpen && entry.Value > 0)
                            {
                                digits.Append((char)('0' + entry.Value));
                                tensOpen = false;
                            }
                            else
                            {
                                CloseTens(digits, ref tensOpen);
                                digits.Append((char)('0' + entry.Value), multiplier);
                            }

                            multiplier = 1;
                            spoken = true;
                            last = j;
                            gap = 0;
                            continue;
                        case WordRole.Oh when digits.Length > 0 || NextIsDigitish(tokens, j):
                            CloseTens(digits, ref tensOpen);
                            digits.Append('0', multiplier);
                            multiplier = 1;
                            spoken = true;
                            last = j;
                            gap = 0;
                            continue;
                        case WordRole.Teen:
                            CloseTens(digits, ref tensOpen);
                            digits.Append(entry.Value);
                            spoken = true;
                            last = j;
                            gap = 0;
                            continue;
                        case WordRole.Tens:
                            CloseTens(digits, ref tensOpen);
                            digits.Append((char)('0' + entry.Value));
                            tensOpen = true;
                            spoken = true;
                            last = j;
                            gap = 0;
                            continue;
                        case WordRole.Double or WordRole.Triple when NextIsDigitish(tokens, j):
                            multiplier = entry.Role == WordRole.Double ? 2 : 3;
                            gap++;
                            continue;
                        case WordRole.Filler or WordRole.Separator when digits.Length > 0 && gap < MaxGapTokens:
                            gap++;
                            continue;
                        case WordRole.AmountWord:
                            amount = true;
                            break;
                    }

                    break;
                }

                if (token.Kind == TokenKind.Space)
                {
                    continue;
                }

                if (token.Kind == TokenKind.Punctuation && text[token.Start] is '-' or '.' or ',' or '–')
                {
                    if (gap >= MaxGapTokens)
                    {
                        break;
                    }

                    gap++;
                    continue;
                }

                break;
            }

            CloseTens(digits, ref tensOpen);
            if (!amount && digits.Length >= 3)
            {
                runs.Add(new NumberRun(
                    first,
                    last,
                    tokens[first].Start,
                    tokens[last].End,
                    digits.ToString(),
                    spoken ? "" : groups.ToString(),
                    spoken,
                    first <= firstContent,
                    last >= lastContent));
            }

            i = Math.Max(last + 1, j);
        }
    }

    private static bool StartsRun(ReadOnlySpan<char> text, List<Token> tokens, int i)
    {
        var token = tokens[i];
        return token.Kind switch
        {
            TokenKind.Digits => !IsAmount(text, tokens, i),
            TokenKind.Word => token.Entry.Role switch
            {
                WordRole.Digit or WordRole.Teen or WordRole.Tens => true,
                WordRole.Oh or WordRole.Double or WordRole.Triple => NextIsDigitish(tokens, i),
                _ => false,
            },
            _ => false,
        };
    }

    private static void CloseTens(StringBuilder digits, ref bool tensOpen)
    {
        if (tensOpen)
        {
            digits.Append('0');
            tensOpen = false;
        }
    }

    private static bool NextIsDigitish(List<Token> tokens, int i)
    {
        for (var k = i + 1; k < tokens.Count && k <= i + 3; k++)
        {
            var token = tokens[k];
            if (token.Kind == TokenKind.Space || (token.Kind == TokenKind.Punctuation))
            {
                continue;
            }

            return token.Kind == TokenKind.Digits
                || (token.Kind == TokenKind.Word && token.Entry.Role is WordRole.Digit or WordRole.Oh or WordRole.Teen or WordRole.Tens);
        }

        return false;
    }

    /// <summary>A digit group that is money, a percentage or a decimal: "$249.00", "249.00", "1,200", "15%".</summary>
    private static bool IsAmount(ReadOnlySpan<char> text, List<Token> tokens, int i)
    {
        var token = tokens[i];
        if (token.Start > 0 && text[token.Start - 1] is '$' or '€' or '£' or '₦' or '¥')
        {
            return true;
        }

        var end = token.End;
        if (end < text.Length && text[end] == '%')
        {
            return true;
        }

        if (end < text.Length && text[end] is '.' or ',' && i + 2 < tokens.Count && tokens[i + 1].Kind == TokenKind.Punctuation)
        {
            var next = tokens[i + 2];
            if (next.Kind == TokenKind.Digits && next.Start == end + 1)
            {
                var continues = i + 4 < tokens.Count && tokens[i + 3].Kind == TokenKind.Punctuation && tokens[i + 3].Start == next.End
                    && text[next.End] is '.' or ',' && tokens[i + 4].Kind == TokenKind.Digits;
                var dottedGroups = i >= 2 && tokens[i - 1].Kind == TokenKind.Punctuation && tokens[i - 1].End == token.Start
                    && text[tokens[i - 1].Start] == '.' && tokens[i - 2].Kind == TokenKind.Digits;
                if (text[end] == '.' && next.Length == 2 && !continues && !dottedGroups)
                {
                    return true;
                }

                if (text[end] == ',' && next.Length == 3 && token.Length <= 3 && continues && text[next.End] == '.')
                {
                    return true;
                }
            }
        }

        // "249 dollars", "40 percent"
        for (var k = i + 1; k < tokens.Count && k <= i + 2; k++)
        {
            if (tokens[k].Kind == TokenKind.Word)
            {
                return tokens[k].Entry.Role == WordRole.AmountWord;
            }

            if (tokens[k].Kind != TokenKind.Space)
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsContent(Token token) =>
        token.Kind is not (TokenKind.Space or TokenKind.Punctuation) && !(token.Kind == TokenKind.Word && token.Entry.Role == WordRole.Filler);
}

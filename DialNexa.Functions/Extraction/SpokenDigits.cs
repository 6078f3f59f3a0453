using System.Text;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Finds digit sequences in call text however they were said: digits grouped by spaces, dashes, dots or parentheses,
/// digit words ("four one five"), "oh" for zero, "double five", "triple nine", teens and tens ("forty two") and fillers
/// between. Money ("$1,200", "249.00") and IDs with letters ("INV-20931") are not digit sequences.
/// </summary>
internal static class SpokenDigits
{
    private static readonly Dictionary<string, int> Digits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["oh"] = 0, ["nought"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
    };

    private static readonly Dictionary<string, int> Teens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenty"] = 2, ["thirty"] = 3, ["forty"] = 4, ["fifty"] = 5, ["sixty"] = 6, ["seventy"] = 7, ["eighty"] = 8, ["ninety"] = 9,
    };

    private static readonly string[] DigitStrings = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    private static readonly HashSet<string> Fillers = new(StringComparer.OrdinalIgnoreCase) { "uh", "um", "er", "erm", "dash", "hyphen" };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> DigitWords = Digits.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> TeenWords = Teens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> TensWords = Tens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FillerWords = Fillers.GetAlternateLookup<ReadOnlySpan<char>>();

    public static List<DigitRun> Find(string text)
    {
        var runs = new List<DigitRun>();
        var i = 0;
        while (i < text.Length)
        {
            var run = TryRun(text, i);
            if (run is { } found)
            {
                runs.Add(found);
                i = found.End;
            }
            else
            {
                i = NextToken(text, i);
            }
        }

        return runs;
    }

    private static DigitRun? TryRun(string text, int start)
    {
        if (!StartsToken(text, start))
        {
            return null;
        }

        var digits = new StringBuilder();
        var plus = start > 0 && text[start - 1] == '+';
        var spoken = false;
        var position = start;
        var end = start;
        var multiplier = 1;
        while (position < text.Length)
        {
            var (kind, tokenEnd, value) = Read(text, position);
            switch (kind)
            {
                case Piece.Written:
                    digits.Append(value);
                    end = position = tokenEnd;
                    break;
                case Piece.Digit:
                    digits.Append(value[0], multiplier);
                    multiplier = 1;
                    spoken = true;
                    end = position = tokenEnd;
                    break;
                case Piece.Pair:
                    digits.Append(value);
                    spoken = true;
                    end = position = tokenEnd;
                    break;
                case Piece.Double or Piece.Triple when NextIsDigit(text, tokenEnd):
                    multiplier = kind == Piece.Double ? 2 : 3;
                    position = tokenEnd;
                    break;
                case Piece.Gap when digits.Length > 0:
                    position = tokenEnd;
                    break;
                default:
                    return digits.Length >= 3 ? new DigitRun(start, end, digits.ToString(), spoken, plus) : null;
            }
        }

        return digits.Length >= 3 ? new DigitRun(start, end, digits.ToString(), spoken, plus) : null;
    }

    private enum Piece
    {
        None,
        Written,
        Digit,
        Pair,
        Double,
        Triple,
        Gap,
    }

    /// <summary>The piece at <paramref name="at"/>: a written digit group, a digit word, a teen or tens pair, "double", or a gap (space, comma, dash, filler).</summary>
    private static (Piece Kind, int End, string Value) Read(string text, int at)
    {
        var c = text[at];
        if (char.IsWhiteSpace(c) || c is ',' or '-' or '–' or '(' or ')' or '.' && !(c == '.' && at + 1 < text.Length && char.IsAsciiDigit(text[at + 1]) && at > 0 && char.IsAsciiDigit(text[at - 1]) && IsDecimal(text, at)))
        {
            return (Piece.Gap, at + 1, "");
        }

        if (char.IsAsciiDigit(c))
        {
            var end = at;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            var money = at > 0 && text[at - 1] is '$' or '€' or '£' or '₦';
            var glued = end < text.Length && (char.IsLetter(text[end]) || text[end] is '_' or '%');
            var thousands = end + 3 < text.Length && text[end] == ',' && char.IsAsciiDigit(text[end + 1]) && char.IsAsciiDigit(text[end + 2]) && char.IsAsciiDigit(text[end + 3]) && (end + 4 == text.Length || !char.IsAsciiDigit(text[end + 4]));
            var idPart = at > 0 && (char.IsLetter(text[at - 1]) || (text[at - 1] is '-' or '_' && at > 1 && char.IsLetter(text[at - 2])));
            var afterThousands = at >= 2 && text[at - 1] == ',' && char.IsAsciiDigit(text[at - 2]) && end - at == 3;
            var decimals = end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]) && IsDecimal(text, end);
            return money || glued || thousands || idPart || afterThousands || decimals ? (Piece.None, end, "") : (Piece.Written, end, text[at..end]);
        }

        if (!char.IsLetter(c) || (at > 0 && char.IsLetter(text[at - 1])))
        {
            return (Piece.None, at + 1, "");
        }

        var wordEnd = at;
        while (wordEnd < text.Length && char.IsLetter(text[wordEnd]))
        {
            wordEnd++;
        }

        var word = text.AsSpan(at, wordEnd - at);
        if (DigitWords.TryGetValue(word, out var digit))
        {
            return (Piece.Digit, wordEnd, DigitStrings[digit]);
        }

        if (TeenWords.TryGetValue(word, out var teen))
        {
            return (Piece.Pair, wordEnd, teen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (TensWords.TryGetValue(word, out var tens))
        {
            // "forty two" is 42, "forty" alone 40; a hyphen may join them ("forty-two").
            var next = wordEnd;
            while (next < text.Length && text[next] is ' ' or '-')
            {
                next++;
            }

            var unitEnd = next;
            while (unitEnd < text.Length && char.IsLetter(text[unitEnd]))
            {
                unitEnd++;
            }

            return DigitWords.TryGetValue(text.AsSpan(next, unitEnd - next), out var unit) && unit > 0
                ? (Piece.Pair, unitEnd, $"{tens}{unit}")
                : (Piece.Pair, wordEnd, $"{tens}0");
        }

        if (word.Equals("double", StringComparison.OrdinalIgnoreCase))
        {
            return (Piece.Double, wordEnd, "");
        }

        if (word.Equals("triple", StringComparison.OrdinalIgnoreCase))
        {
            return (Piece.Triple, wordEnd, "");
        }

        return FillerWords.Contains(word) ? (Piece.Gap, wordEnd, "") : (Piece.None, wordEnd, "");
    }

    private static bool IsDecimal(string text, int dot)
    {
        var after = dot + 1;
        while (after < text.Length && char.IsAsciiDigit(text[after]))
        {
            after++;
        }

        return after - dot - 1 == 2;
    }

    private static bool StartsToken(string text, int at)
    {
        if (at > 0 && char.IsLetterOrDigit(text[at - 1]))
        {
            return false;
        }

        var (kind, _, _) = Read(text, at);
        return kind is Piece.Written or Piece.Pair or Piece.Digit or Piece.Double or Piece.Triple;
    }

    private static bool NextIsDigit(string text, int at)
    {
        while (at < text.Length && text[at] == ' ')
        {
            at++;
        }

        return at < text.Length && Read(text, at).Kind is Piece.Digit or Piece.Written;
    }

    private static int NextToken(string text, int at)
    {
        if (!char.IsLetterOrDigit(text[at]))
        {
            return at + 1;
        }

        while (at < text.Length && char.IsLetterOrDigit(text[at]))
        {
            at++;
        }

        return at;
    }
}

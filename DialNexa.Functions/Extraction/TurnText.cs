using System.Text.RegularExpressions;

namespace DialNexa.Functions.Extraction;

/// <summary>Helpers for reading a turn sentence by sentence, with each sentence's offset in the turn.</summary>
internal static partial class TurnText
{
    public static IEnumerable<(string Sentence, int Offset)> SentencesOf(ConversationTurn turn)
    {
        var from = 0;
        foreach (var sentence in turn.Sentences)
        {
            var at = turn.Text.IndexOf(sentence, from, StringComparison.Ordinal);
            at = at < 0 ? from : at;
            yield return (sentence, at);
            from = at + sentence.Length;
        }
    }

    /// <summary>A sentence asking something (ends with '?').</summary>
    public static bool IsQuestion(string sentence) => sentence.TrimEnd().EndsWith('?');

    /// <summary>Words that take back what was just said: "sorry", "I mean", "actually", "no, it's".</summary>
    public static bool HasCorrection(string text) => Correction().IsMatch(text);

    [GeneratedRegex(@"\b(sorry|i mean|i meant|no wait|wait|actually|correction|scratch that|my mistake|let me correct|i misspoke|rather)\b|(^|[.?!,]\s*)no\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Correction();
}

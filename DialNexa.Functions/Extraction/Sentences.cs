namespace DialNexa.Functions.Extraction;

/// <summary>Splits call text into sentences: at '.', '?' or '!' before a space or the end, and at line breaks; never inside an email, an amount or after "Mr.".</summary>
internal static class Sentences
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase) { "mr", "mrs", "ms", "dr", "st", "no", "jr", "sr", "vs", "etc", "e.g", "i.e", "a.m", "p.m", "approx", "dept", "ave", "rd" };

    public static List<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var boundary = c == '\n'
                || (c is '?' or '!' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] == '"'))
                || (c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !IsAbbreviation(text, i));
            if (boundary)
            {
                Add(text, start, i + 1, sentences);
                start = i + 1;
            }
        }

        Add(text, start, text.Length, sentences);
        return sentences;
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var begin = dot;
        while (begin > 0 && (char.IsLetter(text[begin - 1]) || text[begin - 1] == '.'))
        {
            begin--;
        }

        return Abbreviations.Contains(text[begin..dot]) || (dot - begin == 1 && char.IsUpper(text[begin]) && begin > 0 && text[begin - 1] == ' ' && dot + 2 < text.Length && char.IsUpper(text[dot + 2]));
    }

    private static void Add(string text, int start, int end, List<string> sentences)
    {
        var sentence = text[start..end].Trim();
        if (sentence.Length > 0)
        {
            sentences.Add(sentence);
        }
    }
}

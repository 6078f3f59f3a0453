using System.Buffers;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// A cheap gate in front of a regular expression: the text must contain one of these words (any case) for the
/// expression to be worth running. One vectorised scan; most sentences of a call fail it.
/// </summary>
internal sealed class Keywords(params string[] words)
{
    private readonly SearchValues<string> _words = SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);

    public bool In(string text) => text.AsSpan().ContainsAny(_words);
}

namespace DialNexa.Functions.Redaction;

/// <summary>A slice of the text: kind, position, and for words their lexicon entry.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, LexiconEntry Entry)
{
    public int End => Start + Length;
}

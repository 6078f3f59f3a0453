namespace DialNexa.Functions.Redaction;

/// <summary>What the lexicon knows of a word.</summary>
internal readonly record struct LexiconEntry(WordRole Role, int Value, ContextTag Tags);

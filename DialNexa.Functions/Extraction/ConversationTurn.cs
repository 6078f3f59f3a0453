namespace DialNexa.Functions.Extraction;

/// <summary>
/// One turn of a call as extraction reads it: who spoke, the text, where it came from (<c>turn:3</c>, <c>summary</c>) and
/// its sentences. A paragraph without speakers becomes one turn per sentence, each with the party its words suggest.
/// </summary>
internal sealed record ConversationTurn(int Index, Party Party, string Text, string Source, IReadOnlyList<string> Sentences)
{
    /// <summary>Said by the caller, or by nobody we can tell (a paragraph sentence with no agent's habits).</summary>
    public bool MaybeCaller => Party is Party.Caller or Party.Unknown;

    /// <summary>Said by the agent, or by nobody we can tell.</summary>
    public bool MaybeAgent => Party is Party.Agent or Party.Unknown;

    public bool IsTranscript => Party != Party.Summary;
}

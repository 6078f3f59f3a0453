namespace DialNexa.Functions.Extraction;

/// <summary>A sum of money said in a call, with the turn and sentence it was said in (to judge what it was for).</summary>
internal sealed record MoneyCandidate(MoneyMention Money, ConversationTurn Turn, int Offset, string Sentence);

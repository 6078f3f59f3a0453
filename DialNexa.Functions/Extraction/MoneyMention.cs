namespace DialNexa.Functions.Extraction;

/// <summary>
/// Money said in a call: where, how much, the currency when one was named (null for "anything over five million"), and
/// whether it is a rate ("$79 a month") rather than a sum.
/// </summary>
internal readonly record struct MoneyMention(int Start, int End, decimal Value, string? Currency, bool PerPeriod);

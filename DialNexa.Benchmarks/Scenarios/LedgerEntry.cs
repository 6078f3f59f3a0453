namespace DialNexa.Functions.Benchmarks;

/// <summary>One ledger write: which instance and step, and the amount text.</summary>
internal sealed record LedgerEntry(string InstanceId, int Step, string Amount);

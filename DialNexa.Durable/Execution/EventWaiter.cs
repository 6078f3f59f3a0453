using DialNexa.Durable.Core;

namespace DialNexa.Durable.Execution;

/// <summary>An orchestrator waiting for an external event by name.</summary>
internal sealed record EventWaiter(Action<HistoryEvent> Deliver);

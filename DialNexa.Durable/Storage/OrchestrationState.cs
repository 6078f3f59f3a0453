using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage;

/// <summary>An instance's row and its committed history, loaded to replay it.</summary>
public sealed record OrchestrationState(InstanceRecord Instance, IReadOnlyList<HistoryEvent> History);

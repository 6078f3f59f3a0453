namespace DialNexa.Durable.Storage;

/// <summary>Which finished instances a bulk purge removes; only Completed, Failed and Terminated are ever purged.</summary>
public sealed record PurgeFilter(DateTime? CreatedFrom, DateTime? CreatedTo, IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses);

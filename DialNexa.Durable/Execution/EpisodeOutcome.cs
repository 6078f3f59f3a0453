using DialNexa.Durable.Core;

namespace DialNexa.Durable.Execution;

/// <summary>What one episode of an orchestration produced, before it is turned into a store checkpoint.</summary>
internal sealed record EpisodeOutcome
{
    public required IReadOnlyList<HistoryEvent> NewHistory { get; init; }

    public required IReadOnlyList<ScheduledAction> NewActions { get; init; }

    public required OrchestrationRuntimeStatus Status { get; init; }

    public string? Output { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public string? CustomStatus { get; init; }

    public ContinueAsNewRequest? ContinueAsNew { get; init; }

    /// <summary>External events the orchestration finished without handling: buffered, never awaited, or arriving after the end.</summary>
    public IReadOnlyList<HistoryEvent> UnhandledEvents { get; init; } = [];

    /// <summary>Events received but not consumed, carried into the next generation by ContinueAsNew.</summary>
    public IReadOnlyList<HistoryEvent> UnconsumedEvents { get; init; } = [];
}

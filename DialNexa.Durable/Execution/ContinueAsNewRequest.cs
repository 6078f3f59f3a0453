namespace DialNexa.Durable.Execution;

/// <summary>The orchestrator asked to restart with new input.</summary>
internal sealed record ContinueAsNewRequest(string? Input, bool PreserveUnprocessedEvents);

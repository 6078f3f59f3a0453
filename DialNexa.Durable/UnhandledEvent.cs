namespace DialNexa.Durable;

/// <summary>An external event an orchestration finished without handling (see <see cref="IUnhandledEventHandler"/>).</summary>
/// <param name="SerializedInput">The event's data as it was raised (JSON), or null.</param>
public sealed record UnhandledEvent(string InstanceId, string OrchestrationName, string EventName, string? SerializedInput);

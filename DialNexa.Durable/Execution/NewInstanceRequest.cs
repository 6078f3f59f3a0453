namespace DialNexa.Durable.Execution;

/// <summary>A sub-orchestration the code asked for.</summary>
internal sealed record NewInstanceRequest(string InstanceId, string Name, string? Input);

using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>A re-run of one of a call's provider actions, asked for from the review queue: which, by whom (and why), when, and its instance.</summary>
public sealed record ActionRerun(string InstanceId, string CallId, ProviderActionKind Kind, string RerunBy, string? Note, DateTimeOffset RequestedAt);

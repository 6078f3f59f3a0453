using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>An action the plan chose, with the request it will send.</summary>
public sealed record PlannedAction(ProviderName Provider, ProviderActionKind Kind, ProviderActionRequest Request);

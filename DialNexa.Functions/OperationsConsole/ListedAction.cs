using DialNexa.Functions.Providers;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>A provider action of a listed call: planned (no outcome yet) or done, with its outcome.</summary>
public sealed record ListedAction(ProviderName Provider, ProviderActionKind Kind, ProviderActionOutcome? Outcome);


namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Which delivery (by its body's hash) of which call to redact.</summary>
public sealed record RedactCallInput(string CallId, string DeliveryHash);

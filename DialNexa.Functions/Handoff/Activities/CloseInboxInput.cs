
namespace DialNexa.Functions.Handoff.Activities;

/// <summary>The call whose inbox the ending handoff closes, and the base URL its late deliveries' links use.</summary>
public sealed record CloseInboxInput(string CallId, string BaseUrl);

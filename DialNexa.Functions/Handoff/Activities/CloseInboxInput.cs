
namespace DialNexa.Functions.Handoff.Activities;

/// <summary>The call whose inbox the ending handoff closes, the base URL its late deliveries' links use, and the stage it ended in (for the console's call list).</summary>
public sealed record CloseInboxInput(string CallId, string BaseUrl, HandoffStage? FinalStage = null);

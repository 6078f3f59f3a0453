namespace DialNexa.Functions.Handoff;

/// <summary>Why a re-run was not started: the HTTP status it maps to (404 or 409), a title and a sentence saying what to do.</summary>
public sealed record RerunRefusal(int Status, string Title, string Detail);

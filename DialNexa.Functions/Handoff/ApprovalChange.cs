namespace DialNexa.Functions.Handoff;

/// <summary>One value a planned write sets: old (when known before the write) and new.</summary>
public sealed record ApprovalChange(string Provider, string Action, string Field, string? OldValue, string NewValue);

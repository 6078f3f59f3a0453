namespace DialNexa.Functions.Handoff;

/// <summary>What a re-run carries out: the call's own planned action (same request, same dedupe keys), who asked, and the schedules it runs on.</summary>
public sealed record ActionRerunInput(ActionRerun Rerun, PlannedAction Action, string BaseUrl, RetrySchedules Retries);

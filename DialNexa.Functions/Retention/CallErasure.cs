namespace DialNexa.Functions.Retention;

/// <summary>What erasing a call removed: its instances (the handoff and any late deliveries) and the values kept beside them.</summary>
public sealed record CallErasure(string CallId, int PurgedInstances, int DeletedValues);

namespace DialNexa.Functions.Approvals;

/// <summary>Approval request IDs are the call ID, ':', and a 32-digit hex identifier, so a request names its call.</summary>
internal static class ApprovalRequestIds
{
    /// <summary>The call a request ID belongs to, or null when the ID is not of that form.</summary>
    public static string? CallIdOf(string requestId)
    {
        var colon = requestId.LastIndexOf(':');
        return colon > 0 && requestId.Length - colon - 1 == 32 ? requestId[..colon] : null;
    }
}

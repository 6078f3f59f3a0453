namespace DialNexa.Functions.Providers;

/// <summary>The outcome of a caller lookup in one provider.</summary>
public enum CustomerLookupStatus
{
    /// <summary>No credentials: no lookup was made.</summary>
    NotConfigured,
    NotFound,
    Found,
    Failed,
}

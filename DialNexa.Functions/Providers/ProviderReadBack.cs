namespace DialNexa.Functions.Providers;

/// <summary>The provider read back after a write whose answer was lost or unclear: what it holds, in words, and the read as sent.</summary>
public sealed record ProviderReadBack(ReadBackState State, ProviderRecord? Record, string Description, RenderedRequest? Request)
{
    public static ProviderReadBack Holds(ProviderRecord record, RenderedRequest? request)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(ReadBackState.Holds, record, record.Description, request);
    }

    public static ProviderReadBack Absent(string description, RenderedRequest? request) => new(ReadBackState.Absent, null, description, request);

    public static ProviderReadBack Unknown(string description, RenderedRequest? request) => new(ReadBackState.Unknown, null, description, request);
}

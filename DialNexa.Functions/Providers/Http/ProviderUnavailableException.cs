namespace DialNexa.Functions.Providers.Http;

/// <summary>The provider could not be reached after the allowed retries (timeout, network, circuit open, 5xx, 429).</summary>
public sealed class ProviderUnavailableException : Exception
{
    public ProviderUnavailableException()
    {
    }

    public ProviderUnavailableException(string message)
        : base(message)
    {
    }

    public ProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

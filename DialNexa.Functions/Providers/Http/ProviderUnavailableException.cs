namespace DialNexa.Functions.Providers.Http;

/// <summary>The provider could not be reached after the allowed retries (timeout, network, circuit open, 5xx, 429).</summary>
public sealed class ProviderUnavailableException : Exception
{
    /// <summary>
    /// True when the request certainly never reached the provider (the connection was never made, or the circuit was
    /// open); false when it may have arrived and its answer was lost (a timeout, a reset, a closed response).
    /// </summary>
    public bool NotSent { get; init; }

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

namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>Hands provider clients HttpClients that send through one <see cref="PrismProbe"/>.</summary>
internal sealed class ProbeHttpClientFactory(PrismProbe probe) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(probe, disposeHandler: false);
}

using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using DialNexa.Durable;
using DialNexa.Durable.Storage;
using DialNexa.Durable.Storage.AzureStorage;
using DialNexa.Functions.Benchmarks;

namespace DialNexa.Functions.Tests.Durable.AzureStorage;

/// <summary>
/// The identity-based connection end to end: Azurite over HTTPS with <c>--oauth basic</c>, bearer tokens from a
/// credential (a local stand-in for DefaultAzureCredential; no identity endpoint is contacted), no Shared Key.
/// </summary>
public sealed class EntraIdTests
{
    [Fact]
    public async Task IdentityBasedConnection_BearerTokensOverHttps_RunsAnOrchestration()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dialnexa-oauth-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=dialnexa-azurite-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(folder, "cert.pem");
        var keyPath = Path.Combine(folder, "key.pem");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());

        await using var azurite = await AzuriteProcess.StartAsync(["--oauth", "basic", "--cert", certPath, "--key", keyPath]);
        var thumbprint = certificate.GetCertHashString();
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == thumbprint,
            },
        };
        var transport = new HttpClientTransport(handler);
        var credential = new UnsignedTestTokenCredential();
        var account = StorageAccount.FromIdentity(
            StorageAccount.DevelopmentAccountName,
            $"https://127.0.0.1:{azurite.QueuePort}/{StorageAccount.DevelopmentAccountName}",
            $"https://127.0.0.1:{azurite.TablePort}/{StorageAccount.DevelopmentAccountName}",
            credential);
        var store = new IdentityTestStore(account, transport);
        await using (var host = await DurableTestHost.StartAsync(r => r.AddOrchestrator<HelloSequence>().AddActivity<SayHello>(), store: store))
        {
            var result = await host.RunAsync(nameof(HelloSequence), "Lagos");
            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.Equal("Hello Lagos", result.ReadOutputAs<List<string>>()![4]);
        }

        Assert.True(credential.Requests > 0);
        var table = new StorageTable(StoragePipeline.Build(account with { Credential = new GarbageTokenCredential() }, StorageService.Table, transport), account.TableEndpoint, "Tables");
        var refused = await Assert.ThrowsAsync<StorageRequestException>(() => table.QueryPageAsync(null, 1, null, CancellationToken.None));
        Assert.Equal(403, refused.Status);
    }

    private sealed class IdentityTestStore(StorageAccount account, HttpPipelineTransport transport) : TestStore
    {
        public override string NewLocation() => "T" + Guid.NewGuid().ToString("N")[..16];

        internal override IOrchestrationStore Open(IServiceProvider services, DurableTaskOptions options, string location) =>
            new AzureStorageOrchestrationStore(new AzureStorageStoreOptions { Account = account, HubName = location, MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200) }, null, transport);
    }

    /// <summary>An unsigned JWT with the storage audience, as Azurite's basic OAuth mode checks (audience, issuer, lifetime).</summary>
    private sealed class UnsignedTestTokenCredential : TokenCredential
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            var now = DateTimeOffset.UtcNow;
            static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var header = Part("""{"alg":"none","typ":"JWT"}""");
            var claims = Part($$"""{"aud":"https://storage.azure.com","iss":"https://sts.windows.net/00000000-0000-0000-0000-000000000001/","nbf":{{now.AddMinutes(-5).ToUnixTimeSeconds()}},"iat":{{now.AddMinutes(-5).ToUnixTimeSeconds()}},"exp":{{now.AddHours(1).ToUnixTimeSeconds()}}}""");
            return new AccessToken($"{header}.{claims}.", now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed class GarbageTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("not-a-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}

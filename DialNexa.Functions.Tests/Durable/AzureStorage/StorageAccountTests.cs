using Azure.Core;
using DialNexa.Durable.Storage.AzureStorage;

namespace DialNexa.Functions.Tests.Durable.AzureStorage;

public sealed class StorageAccountTests
{
    private const string Key = "c2VjcmV0LWtleS1ub3QtdG8tYmUtc2hvd24tYW55d2hlcmU=";

    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtAzuriteDefaultPorts()
    {
        var account = StorageAccount.Parse("UseDevelopmentStorage=true");
        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.TableEndpoint);
        Assert.NotNull(account.SharedKey);
    }

    [Fact]
    public void Parse_AccountNameAndKey_BuildsServiceEndpointsFromTheSuffix()
    {
        var account = StorageAccount.Parse($"DefaultEndpointsProtocol=https;AccountName=dialnexa;AccountKey={Key};EndpointSuffix=core.windows.net");
        Assert.Equal(new Uri("https://dialnexa.queue.core.windows.net"), account.QueueEndpoint);
        Assert.Equal(new Uri("https://dialnexa.table.core.windows.net"), account.TableEndpoint);
        Assert.DoesNotContain(Key, account.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExplicitEndpoints_AreUsedAsGiven()
    {
        var account = StorageAccount.Parse($"AccountName=a1;AccountKey={Key};QueueEndpoint=http://127.0.0.1:5001/a1;TableEndpoint=http://127.0.0.1:5002/a1");
        Assert.Equal(new Uri("http://127.0.0.1:5001/a1"), account.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5002/a1"), account.TableEndpoint);
    }

    [Theory]
    [InlineData("AccountName=a1", "AccountKey")]
    [InlineData("AccountKey=" + Key, "AccountName")]
    [InlineData("AccountName=a1;AccountKey=not*base64", "base64")]
    [InlineData("garbage-without-equals", "'='")]
    public void Parse_BadConnectionString_NamesTheSettingAndNeverTheKey(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StorageAccount.Parse(connectionString));
        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromIdentity_AccountName_UsesHttpsEndpointsAndTheCredential()
    {
        var credential = new StaticCredential();
        var account = StorageAccount.FromIdentity("dialnexa", null, null, credential);
        Assert.Equal(new Uri("https://dialnexa.queue.core.windows.net"), account.QueueEndpoint);
        Assert.Same(credential, account.Credential);
        Assert.Null(account.SharedKey);
    }

    [Fact]
    public void FromIdentity_ServiceUris_MustBothBeHttps()
    {
        var credential = new StaticCredential();
        var account = StorageAccount.FromIdentity(null, "https://acct.queue.core.windows.net", "https://acct.table.core.windows.net", credential);
        Assert.Equal("acct", account.AccountName);
        var error = Assert.Throws<FormatException>(() => StorageAccount.FromIdentity(null, "http://acct.queue.core.windows.net", "https://acct.table.core.windows.net", credential));
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => StorageAccount.FromIdentity(null, "https://acct.queue.core.windows.net", null, credential));
    }

    /// <summary>A credential that is never asked for a token in these tests (no identity endpoint is contacted).</summary>
    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException("not used");
    }
}

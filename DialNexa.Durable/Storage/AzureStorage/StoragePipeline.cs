using Azure.Core;
using Azure.Core.Pipeline;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>Builds the Azure.Core pipeline for one service: version and date headers, retries, and Shared Key or Entra ID auth.</summary>
internal static class StoragePipeline
{
    /// <summary>The REST version sent on every call (Azurite 3.37 accepts up to 2026-06-06).</summary>
    public const string ApiVersion = "2025-11-05";

    private const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline Build(StorageAccount account, StorageService service, HttpPipelineTransport? transport = null, StorageCallCounter? counter = null)
    {
        var options = new StorageClientOptions();
        if (transport is not null)
        {
            options.Transport = transport;
        }

        HttpPipelinePolicy auth = account.SharedKey is { } key
            ? new SharedKeyPolicy(account.AccountName, key, service)
            : new BearerTokenAuthenticationPolicy(account.Credential ?? throw new InvalidOperationException("The storage account has neither a key nor a credential."), StorageScope);
        return HttpPipelineBuilder.Build(options, [new StorageHeadersPolicy()], counter is null ? [new DateHeaderPolicy(), auth] : [new DateHeaderPolicy(), auth, counter], new ResponseClassifier());
    }

    private sealed class StorageClientOptions : ClientOptions
    {
        public StorageClientOptions()
        {
            Diagnostics.IsLoggingEnabled = false;
            Diagnostics.IsDistributedTracingEnabled = false;
            Diagnostics.IsTelemetryEnabled = false;
            Retry.MaxRetries = 4;
            Retry.Delay = TimeSpan.FromMilliseconds(200);
            Retry.MaxDelay = TimeSpan.FromSeconds(5);
            Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        }
    }

    private sealed class StorageHeadersPolicy : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue("x-ms-version", ApiVersion);
    }

    private sealed class DateHeaderPolicy : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            message.Request.Headers.SetValue("x-ms-date", DateTime.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }
}

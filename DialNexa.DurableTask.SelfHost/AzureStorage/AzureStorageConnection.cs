namespace DialNexa.DurableTask.SelfHost.AzureStorage;

/// <summary>
/// The storage account, read from <c>AzureWebJobsStorage</c> as the Functions host reads it: a connection string
/// (<c>UseDevelopmentStorage=true</c> or an account's), or identity-based settings (<c>AzureWebJobsStorage__accountName</c>,
/// or <c>__blobServiceUri</c> + <c>__queueServiceUri</c> + <c>__tableServiceUri</c>) used with Azure.Identity.
/// </summary>
public sealed record AzureStorageConnection
{
    /// <summary>A connection string; when set, the other members are not used.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The account name for identity-based access to its default endpoints.</summary>
    public string? AccountName { get; init; }

    /// <summary>The Blob service endpoint for identity-based access.</summary>
    public Uri? BlobServiceUri { get; init; }

    /// <summary>The Queue service endpoint for identity-based access.</summary>
    public Uri? QueueServiceUri { get; init; }

    /// <summary>The Table service endpoint for identity-based access.</summary>
    public Uri? TableServiceUri { get; init; }

    /// <summary>A user-assigned managed identity's client ID (<c>AzureWebJobsStorage__clientId</c>).</summary>
    public string? ClientId { get; init; }

    /// <summary>Whether identity-based settings are used (no connection string).</summary>
    public bool UsesIdentity => string.IsNullOrWhiteSpace(ConnectionString);
}

namespace DialNexa.Functions.Webhooks;

/// <summary>Settings of the DialNexa webhook receiver (section <c>DialNexa</c>).</summary>
internal sealed class WebhookOptions
{
    public const string SectionName = "DialNexa";

    /// <summary>Comma-separated HMAC secrets; during a rotation list the old and the new one.</summary>
    public string? WebhookSecrets { get; set; }

    public const int MinimumSecretLength = 16;

    public const int MinimumAdminKeyLength = 16;

    /// <summary>The admin key of status, review and management routes (<c>DialNexa__AdminKey</c>), validated for length at start.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Largest body accepted, in bytes (default 1 MiB); larger bodies get 413.</summary>
    public int MaxWebhookBodyBytes { get; set; } = 1024 * 1024;
}

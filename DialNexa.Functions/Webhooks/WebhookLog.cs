namespace DialNexa.Functions.Webhooks;

/// <summary>Webhook log messages (event IDs 2000-2099): call IDs and event names only, never bodies.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(2000, LogLevel.Information, "DialNexa {EventName} for call {CallId} accepted ({Outcome}).")]
    public static partial void Accepted(ILogger logger, string eventName, string callId, string outcome);

    [LoggerMessage(2001, LogLevel.Warning, "DialNexa webhook refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(2002, LogLevel.Error, "DialNexa webhook could not be stored; answered 503 so DialNexa retries.")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(2003, LogLevel.Information, "DialNexa {EventName} ignored: {Reason}")]
    public static partial void Ignored(ILogger logger, string eventName, string reason);

    [LoggerMessage(2004, LogLevel.Warning, "No DialNexa__WebhookSecrets is set: webhooks are verified with the local secret in the data directory. Set the real secret before connecting DialNexa.")]
    public static partial void LocalSecretInUse(ILogger logger);
}

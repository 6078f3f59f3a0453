using System.Text.Json.Serialization;

namespace DialNexa.DurableTask.SelfHost.ManagementApi;

/// <summary>
/// The management links of one instance, as Durable Functions' check-status response carries them (the same JSON names).
/// </summary>
public sealed record HttpManagementPayload
{
    /// <summary>The instance ID.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>GET: the instance's status.</summary>
    [JsonPropertyName("statusQueryGetUri")]
    public required string StatusQueryGetUri { get; init; }

    /// <summary>POST: raise an event (replace <c>{eventName}</c>).</summary>
    [JsonPropertyName("sendEventPostUri")]
    public required string SendEventPostUri { get; init; }

    /// <summary>POST: terminate (replace <c>{text}</c> with the reason).</summary>
    [JsonPropertyName("terminatePostUri")]
    public required string TerminatePostUri { get; init; }

    /// <summary>DELETE: purge the instance's history.</summary>
    [JsonPropertyName("purgeHistoryDeleteUri")]
    public required string PurgeHistoryDeleteUri { get; init; }

    /// <summary>POST: restart the instance.</summary>
    [JsonPropertyName("restartPostUri")]
    public required string RestartPostUri { get; init; }

    /// <summary>POST: suspend (replace <c>{text}</c> with the reason).</summary>
    [JsonPropertyName("suspendPostUri")]
    public required string SuspendPostUri { get; init; }

    /// <summary>POST: resume (replace <c>{text}</c> with the reason).</summary>
    [JsonPropertyName("resumePostUri")]
    public required string ResumePostUri { get; init; }

    /// <summary>POST: rewind a failed instance (replace <c>{text}</c> with the reason), where the provider supports it.</summary>
    [JsonPropertyName("rewindPostUri")]
    public required string RewindPostUri { get; init; }
}

namespace DialNexa.Functions.Calls;

/// <summary>What a DialNexa delivery is, across the current (event_type) and legacy (event) schemes.</summary>
internal enum DialNexaEventKind
{
    /// <summary>The flat request sent when a webhook URL is registered: answer 2xx, do nothing.</summary>
    Verification,

    /// <summary>A call started: nothing to hand off yet.</summary>
    CallStarted,

    /// <summary>A call ended (completed or hung up): starts the handoff.</summary>
    CallEnded,

    /// <summary>Transcript, analysis or transfer details that complete an ended call.</summary>
    CallDetails,

    /// <summary>An event this receiver does not act on; acknowledged so DialNexa does not retry it.</summary>
    Unknown,
}

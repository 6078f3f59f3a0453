namespace DialNexa.Functions.Calls;

/// <summary>Turns a delivered call into its redacted form (the Redaction feature implements it).</summary>
internal interface ICallRedactor
{
    /// <summary>The call with every free-text field redacted and what was removed summarized; the input is not kept.</summary>
    RedactedCall Redact(DialNexaCall call);
}

namespace DialNexa.Functions.Calls;

/// <summary>Turns a delivered call into its redacted form (the Redaction feature implements it).</summary>
internal interface ICallRedactor
{
    RedactedCall Redact(DialNexaCall call);
}

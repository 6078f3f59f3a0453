namespace DialNexa.Functions.Calls;

/// <summary>Pulls the finance context out of a redacted call (the Extraction feature implements it).</summary>
internal interface IFactExtractor
{
    CallFacts Extract(RedactedCall call);
}

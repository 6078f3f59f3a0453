namespace DialNexa.Functions.Calls;

/// <summary>Pulls the finance context out of a redacted call (the Extraction feature implements it).</summary>
internal interface IFactExtractor
{
    /// <summary>Who called, about what (workflow, invoice, amount and currency, promises), each fact with its confidence.</summary>
    CallFacts Extract(RedactedCall call);
}

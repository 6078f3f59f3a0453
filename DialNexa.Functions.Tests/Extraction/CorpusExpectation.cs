namespace DialNexa.Functions.Tests.Extraction;

/// <summary>The workflow and facts a corpus call should yield; a value may list alternatives as <c>a|b</c>.</summary>
public sealed record CorpusExpectation
{
    public required string Workflow { get; init; }

    public Dictionary<string, string> Fields { get; init; } = [];
}

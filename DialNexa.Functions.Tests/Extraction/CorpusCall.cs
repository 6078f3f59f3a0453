using System.Text.Json;

namespace DialNexa.Functions.Tests.Extraction;

/// <summary>One call of the extraction corpus (see Corpus/README.md) and what a finance person would note from it.</summary>
public sealed record CorpusCall
{
    public required string Id { get; init; }

    public required string Split { get; init; }

    public required string Region { get; init; }

    public required string Shape { get; init; }

    public required string Direction { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string Zone { get; init; }

    public string? Summary { get; init; }

    public Dictionary<string, string?> Analysis { get; init; } = [];

    /// <summary>Lines (<c>lines</c>), DialNexa turn objects (<c>turns</c>) or one string (<c>paragraph</c>).</summary>
    public required JsonElement Transcript { get; init; }

    public required CorpusExpectation Expected { get; init; }
}

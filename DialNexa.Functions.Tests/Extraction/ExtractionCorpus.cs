using System.Text.Json;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Redaction;
using DialNexa.Functions.Webhooks;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Extraction;

/// <summary>Loads Corpus/calls.json and runs each call through the webhook path: redaction, then extraction.</summary>
internal static class ExtractionCorpus
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<IReadOnlyList<CorpusCall>> Calls = new(Load);

    public static IReadOnlyList<CorpusCall> All => Calls.Value;

    public static IReadOnlyList<CorpusCall> Half(string split) => [.. All.Where(c => c.Split == split)];

    public static CallFacts Extract(CorpusCall call)
    {
        var options = Options.Create(new ExtractionOptions { TimeZone = call.Zone });
        var redacted = new DialNexaCallRedactor(new TranscriptRedactor(), options).Redact(ToDelivery(call));
        return new FinanceContextExtractor(options).Extract(redacted);
    }

    /// <summary>The call as the webhook would hand it over, with the transcript in the corpus entry's shape.</summary>
    public static DialNexaCall ToDelivery(CorpusCall call) => new()
    {
        CallId = "corpus_" + call.Id,
        EventName = "call_ended",
        Status = "completed",
        Direction = call.Direction,
        FromNumber = call.From,
        ToNumber = call.To,
        StartedAt = call.StartedAt,
        TranscriptJson = call.Shape switch
        {
            "lines" => JsonSerializer.Serialize(string.Join('\n', call.Transcript.EnumerateArray().Select(l => l.GetString()))),
            "turns" => JsonSerializer.Serialize(call.Transcript.GetRawText()),
            _ => JsonSerializer.Serialize(call.Transcript.GetString()),
        },
        Summary = call.Summary,
        Analysis = call.Analysis,
    };

    private static List<CorpusCall> Load()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "DialNexa.Functions.Tests", "Extraction", "Corpus", "calls.json");
            if (File.Exists(path))
            {
                return JsonSerializer.Deserialize<List<CorpusCall>>(File.ReadAllText(path), Json)
                    ?? throw new InvalidDataException($"{path} holds no calls.");
            }
        }

        throw new FileNotFoundException("DialNexa.Functions.Tests/Extraction/Corpus/calls.json was not found above the test binaries.");
    }
}

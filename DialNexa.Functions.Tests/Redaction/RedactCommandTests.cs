using System.Text.Json;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Cli;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Redaction;
using DialNexa.Functions.Webhooks;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Redaction;

/// <summary>
/// The <c>redact</c> command gives what the webhook path keeps, for speaker lines, JSON turns and plain paragraphs, a card
/// number read across turns included, and writes it back in the input's shape. Failures never show the input.
/// </summary>
public sealed class RedactCommandTests
{
    private const string Start = "my card number is four two four two";
    private const string Rest = "four two four two, four two four two, four two four two";

    private static readonly Dictionary<string, string> Inputs = new()
    {
        ["speaker-lines"] = $"User: {Start}\nAgent: okay, go on\nUser: {Rest}\nAgent: thank you\n",
        ["json-turns"] = $$"""[{"role":"user","content":"{{Start}}","start":0.5,"end":3.1},{"role":"assistant","content":"okay, go on"},{"role":"user","content":"{{Rest}}"}]""",
        ["json-string-of-turns"] = JsonSerializer.Serialize($$"""[{"role":"user","content":"{{Start}}"},{"role":"assistant","content":"go on"},{"role":"user","content":"{{Rest}}"}]"""),
        ["paragraph-lines"] = $"{Start}\n\n{Rest}\n",
        ["one-paragraph"] = $"{Start}, um, {Rest}, and that's it.",
    };

    [Theory]
    [InlineData("speaker-lines")]
    [InlineData("json-turns")]
    [InlineData("json-string-of-turns")]
    [InlineData("paragraph-lines")]
    [InlineData("one-paragraph")]
    public async Task Redact_CardReadAcrossTurns_IsRemovedInEveryShape(string shape)
    {
        var (code, output, _) = await RunAsync(Inputs[shape]);
        Assert.Equal(0, code);
        AssertNoSpokenDigits(shape, output);
        Assert.Contains("[CARD_NUMBER]", output, StringComparison.Ordinal);
        Assert.Contains("my card number is [CARD_NUMBER]", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("speaker-lines")]
    [InlineData("json-turns")]
    [InlineData("json-string-of-turns")]
    [InlineData("paragraph-lines")]
    [InlineData("one-paragraph")]
    public async Task RedactJson_AnyShape_GivesTheTurnsTheWebhookPathKeeps(string shape)
    {
        // A fixed call time: the default is now, and its fractional seconds may hold "4242" by chance.
        var (code, output, _) = await RunAsync(Inputs[shape], "--json", "--at", "2026-03-05T16:00:00Z");
        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        var cli = document.RootElement.GetProperty("turns").EnumerateArray().Select(t => (t.GetProperty("speaker").GetString(), t.GetProperty("text").GetString())).ToList();
        var options = Options.Create(new ExtractionOptions());
        var webhook = new DialNexaCallRedactor(new TranscriptRedactor(), options).Redact(new DialNexaCall
        {
            CallId = "c",
            EventName = "call_ended",
            TranscriptJson = shape.StartsWith("json", StringComparison.Ordinal) ? Inputs[shape] : JsonSerializer.Serialize(Inputs[shape]),
        });
        Assert.True(cli.SequenceEqual(webhook.Turns.Select(t => ((string?)t.Speaker, (string?)t.Text))), $"{shape}: the command's turns differ from the webhook path's.");
        AssertNoSpokenDigits(shape, output);
    }

    [Fact]
    public async Task Redact_SpeakerLines_KeepsLabelsLineBreaksAndEverythingElse()
    {
        const string input = "Customer: Hi, it's Dana.\r\nAgent: Go ahead.\r\n\r\nCustomer: the card is 4242 4242\r\n4242 4242, expiry 04/28\r\n";
        var (_, output, _) = await RunAsync(input);
        Assert.Equal("Customer: Hi, it's Dana.\r\nAgent: Go ahead.\r\n\r\nCustomer: the card is [CARD_NUMBER]\r\n[CARD_NUMBER], expiry [EXPIRY]\r\n", output);
    }

    [Fact]
    public async Task Redact_JsonTurns_KeepsTheirOtherProperties()
    {
        var (_, output, _) = await RunAsync(Inputs["json-turns"]);
        using var document = JsonDocument.Parse(output);
        var first = document.RootElement[0];
        Assert.Equal(0.5, first.GetProperty("start").GetDouble());
        Assert.Equal("user", first.GetProperty("role").GetString());
        Assert.Equal("my card number is [CARD_NUMBER]", first.GetProperty("content").GetString());
        Assert.Equal("okay, go on", document.RootElement[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task RedactJson_AtAndZone_ResolveRelativeDeadlinesAgainstTheCall()
    {
        const string input = "User: Hi, I'm Dana Whitfield. I was charged twice for invoice INV-20931. Can you call me back by Friday?\nAgent: Finance will call you back by Friday.";
        var (code, output, _) = await RunAsync(input, "--json", "--at", "2026-03-05T23:30:00Z", "--zone", "Africa/Lagos");
        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        var fields = document.RootElement.GetProperty("context").GetProperty("fields");

        // 23:30 UTC on Thursday is already Friday in Lagos, so "by Friday" is the Friday after.
        Assert.Equal("2026-03-13", fields.GetProperty("followUpDeadline").GetProperty("value").GetString());
        Assert.Equal("Africa/Lagos", document.RootElement.GetProperty("timeZone").GetString());

        (_, output, _) = await RunAsync(input, "--json", "--at", "2026-03-05T18:30", "--zone", "America/New_York");
        using var local = JsonDocument.Parse(output);
        Assert.Equal("2026-03-06", local.RootElement.GetProperty("context").GetProperty("fields").GetProperty("followUpDeadline").GetProperty("value").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-03-05T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture), local.RootElement.GetProperty("callStartedAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("--zone", "Mars/Olympus", "--zone")]
    [InlineData("--at", "next Friday", "--at")]
    [InlineData("--wat", "", "unknown")]
    public async Task RedactJson_BadOption_FailsNamingIt(string option, string value, string named)
    {
        string[] args = value.Length == 0 ? ["--json", option] : ["--json", option, value];
        var (code, output, error) = await RunAsync("User: hello", args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_AtWithoutJson_IsRefused()
    {
        var (code, _, error) = await RunAsync("User: hello", "--at", "2026-03-05T16:00:00Z");
        Assert.Equal(2, code);
        Assert.Contains("only --json", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await new RedactCommand().RunAsync(args, new StringReader(input), output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static void AssertNoSpokenDigits(string shape, string output) =>
        Assert.True(!output.Contains("four two", StringComparison.Ordinal) && !output.Contains("4242", StringComparison.Ordinal), $"{shape}: digits of the card survived ({output.Split("[CARD_NUMBER]").Length - 1} placeholders).");
}

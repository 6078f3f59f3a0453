using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DialNexa.Benchmarks.App;
using DialNexa.Benchmarks.Measuring;
using DialNexa.Benchmarks.Stores;
using DialNexa.Functions.AppData;
using DialNexa.Functions.OperationsConsole;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>
/// console: how fast the operations console answers over many calls. The real app on loopback (embedded store, dry-run
/// providers) takes <c>--count</c> calls (default 20,000): nine in ten hang-ups with nothing to do, one in ten a dispute
/// with its own email and invoice number (it waits for approval). Each call's row in the console's index is written by
/// the handoff itself. Then, signed in: the calls page read once (the first read sorts the list), then again for the
/// median; searches by email, by invoice and by amount; the CSV of a search; and the index reload alone (every row read
/// from the store, parsed and sorted), which the app does at start and then in the background once per refresh interval.
/// </summary>
internal sealed partial class ConsoleScenario : IBenchmarkScenario
{
    private const int Reads = 21;

    public string Name => "console";

    public string Summary => "GET /console/calls and searches over 20,000 calls (median ms), the index reload beside it";

    public async Task<Figures> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var count = run.Options.Count ?? 20_000;
        var disputes = count / 10;
        var (synchronous, raw) = await SqliteCommitProbe.MeasureAsync(run);
        await using var app = await BenchApp.StartAsync(run.WorkDirectory, [], run.Options.DurableTaskConfiguration, cancellationToken);
        var hangup = System.Text.Json.Nodes.JsonNode.Parse(app.Template)!;
        var hangupCall = hangup["payload"]!["call"]!;
        hangupCall["status"] = "hangup";
        hangupCall["transcript"] = "";
        hangupCall.AsObject().Remove("summary");
        hangupCall.AsObject().Remove("post_call_analysis");
        var calls = SignedCalls.Make(hangup.ToJsonString(), BenchApp.WebhookSecret, "done", count - disputes);
        calls.AddRange(Disputes(app.Template, disputes));
        var posting = Stopwatch.StartNew();
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (call, ct) => await app.PostWebhookAsync(call, ct));
        await run.LogAsync($"{count} calls posted in {posting.Elapsed.TotalSeconds:F1} s; waiting until each is listed as settled");
        var store = app.Services.GetRequiredService<IAppDataStore>();
        while (await SettledAsync(store, cancellationToken) < count)
        {
            await Task.Delay(1000, cancellationToken);
        }

        await run.LogAsync($"settled after {posting.Elapsed.TotalSeconds:F1} s");
        using var browser = await SignInAsync(app.Http.BaseAddress!, cancellationToken);
        var first = await TimeAsync(browser, "/console/calls", cancellationToken);
        var page = await MedianAsync(browser, "/console/calls", cancellationToken);
        var secondPage = await MedianAsync(browser, "/console/calls?page=40&stage=NoAction", cancellationToken);
        var byEmail = await MedianAsync(browser, "/console/calls?q=" + Uri.EscapeDataString(EmailOf(disputes / 2)), cancellationToken);
        var byInvoice = await MedianAsync(browser, "/console/calls?q=" + Uri.EscapeDataString(InvoiceOf(disputes / 3)), cancellationToken);
        var byAmount = await MedianAsync(browser, "/console/calls?q=249.00", cancellationToken);
        var csv = await MedianAsync(browser, "/console/calls.csv?workflow=Dispute", cancellationToken);
        var found = FoundCount().Match(await browser.GetStringAsync("/console/calls?q=" + Uri.EscapeDataString(EmailOf(disputes / 2)), cancellationToken)).Groups["n"].Value;

        // The index alone: every row read from the store, parsed and sorted, as a page does once per refresh interval.
        var reloads = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var list = new CallList(store, app.Services.GetRequiredService<SearchDigests>(), Options.Create(new ConsoleOptions()), TimeProvider.System);
            var start = Stopwatch.StartNew();
            var rows = await list.NewestFirstAsync(cancellationToken);
            reloads.Add(start.Elapsed.TotalMilliseconds);
            if (rows.Count != count)
            {
                throw new InvalidOperationException($"The index lists {rows.Count} calls, not {count}.");
            }
        }

        var reload = Percentiles.Summary(reloads, 1).P50;
        await run.LogAsync($"console over {count} calls: calls page {page} ms (first read {first:F1} ms), email search {byEmail} ms ({found} found), invoice {byInvoice} ms, amount {byAmount} ms, CSV {csv} ms; index reload {reload} ms");
        return new Figures(Name, synchronous)
            .Add("calls", count, 0)
            .Add("medianCallsPageMs", page, 1)
            .Add("firstCallsPageMs", first, 1)
            .Add("medianFilteredPage40Ms", secondPage, 1)
            .Add("medianEmailSearchMs", byEmail, 1)
            .Add("medianInvoiceSearchMs", byInvoice, 1)
            .Add("medianAmountSearchMs", byAmount, 1)
            .Add("medianDisputesCsvMs", csv, 1)
            .Add("medianIndexReloadMs", reload, 1)
            .Add("rawSqliteCommitsPerSecond", raw, 0);
    }

    private static string EmailOf(int i) => string.Create(CultureInfo.InvariantCulture, $"caller.{i}@example.com");

    private static string InvoiceOf(int i) => string.Create(CultureInfo.InvariantCulture, $"INV-{700000 + i}");

    /// <summary>Disputes, each with its own caller email and invoice number (in the transcript, summary and analysis).</summary>
    private static IEnumerable<SignedCall> Disputes(string template, int count)
    {
        var key = Encoding.UTF8.GetBytes(BenchApp.WebhookSecret);
        var run = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"call_dispute{run}{i:D6}");
            var body = Encoding.UTF8.GetBytes(template
                .Replace(SignedCalls.FixtureCallId, id, StringComparison.Ordinal)
                .Replace("dana.whitfield@example.com", EmailOf(i), StringComparison.Ordinal)
                .Replace("INV-20931", InvoiceOf(i), StringComparison.Ordinal));
            yield return new SignedCall(id, body, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, body)));
        }
    }

    /// <summary>How many listed calls have reached a stage they rest in (done, waiting for approval, in review).</summary>
    private static async Task<int> SettledAsync(IAppDataStore store, CancellationToken cancellationToken)
    {
        var settled = 0;
        await foreach (var item in store.ListAllAsync(AppDataKinds.ConsoleCall, AppDataKinds.ConsoleCall.IndexScope, cancellationToken))
        {
            var text = Encoding.UTF8.GetString(item.Value.Span);
            settled += text.Contains("\"stage\":\"NoAction\"", StringComparison.Ordinal) || text.Contains("\"stage\":\"Completed\"", StringComparison.Ordinal)
                || text.Contains("\"stage\":\"AwaitingApproval\"", StringComparison.Ordinal) || text.Contains("\"stage\":\"InReview\"", StringComparison.Ordinal) ? 1 : 0;
        }

        return settled;
    }

    private static async Task<HttpClient> SignInAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var browser = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var form = await browser.GetStringAsync("/console/sign-in", cancellationToken);
        var token = WebUtility.HtmlDecode(TokenField().Match(form).Groups["t"].Value);
        using var content = new FormUrlEncodedContent([new(ConsoleSessions.TokenField, token), new("key", BenchApp.AdminKey), new("zone", "UTC")]);
        var signedIn = await browser.PostAsync("/console/sign-in", content, cancellationToken);
        if (signedIn.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"Signing in to the console answered {(int)signedIn.StatusCode}.");
        }

        return browser;
    }

    private static async Task<double> TimeAsync(HttpClient browser, string path, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await browser.GetAsync(path, cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.OK ? elapsed : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
    }

    private static async Task<double> MedianAsync(HttpClient browser, string path, CancellationToken cancellationToken)
    {
        var times = new List<double>(Reads);
        for (var i = 0; i < Reads; i++)
        {
            times.Add(await TimeAsync(browser, path, cancellationToken));
        }

        return Percentiles.Summary(times, 1).P50;
    }

    [GeneratedRegex("name=\"__console_token\" value=\"(?<t>[^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("of (?<n>[0-9,]+), newest first|(?<n>No) calls match")]
    private static partial Regex FoundCount();
}

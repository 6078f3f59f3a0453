using DialNexa.Functions.Calls;
using System.Net;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.OperationsConsole;
using DialNexa.Functions.Tests.Handoff;
using Microsoft.Extensions.DependencyInjection;
using static DialNexa.Functions.Tests.OperationsConsole.ConsoleTestApp;

namespace DialNexa.Functions.Tests.OperationsConsole;

/// <summary>The calls list from its index: search by ID, email, phone, invoice and amount; filters; paging; CSV; erasure.</summary>
public sealed class ConsoleCallsTests
{
    [Fact]
    public async Task Search_ByEmailPhoneInvoiceAmountOrId_FindsTheCall_AndTheIndexKeepsOnlyDigestsAndMaskedContacts()
    {
        var (app, _, _) = await StartAsync(knownEmail: "someone.else@example.com");
        await using (app)
        {
            await PostAsync(app, Call("call_console_a", "dana.whitfield@example.com", "INV-20931", "249.00"));
            await PostAsync(app, Call("call_console_b", "lee.parker@example.com", "INV-55120", "80.00", "Lee Parker"));
            await FinishedAsync(app, "call_console_a");
            await FinishedAsync(app, "call_console_b");
            using var browser = await SignedInAsync(app);

            Assert.Equal(["call_console_a"], await FoundAsync(browser, "Dana.Whitfield@example.com"));
            Assert.Equal(["call_console_b"], await FoundAsync(browser, "inv 55120"));
            Assert.Equal(["call_console_b"], await FoundAsync(browser, "$80.00"));
            Assert.Equal(["call_console_a"], await FoundAsync(browser, "console_a"));
            Assert.Equal(["call_console_a", "call_console_b"], (await FoundAsync(browser, "(415) 555-0142")).Order(StringComparer.Ordinal));
            Assert.Empty(await FoundAsync(browser, "nobody@example.com"));

            // The table masks the email (the search box shows what was typed, as any search box does).
            var table = (await PageAsync(await browser.GetAsync("/console/calls?q=" + Uri.EscapeDataString("dana.whitfield@example.com")))).QuerySelector("table")!.OuterHtml;
            Assert.Contains("d***@example.com", table, StringComparison.Ordinal);
            Assert.DoesNotContain("dana.whitfield", table, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("249.00 USD", table, StringComparison.Ordinal);

            var stored = new List<string>();
            await foreach (var item in app.Services.GetRequiredService<IAppDataStore>().ListAllAsync(AppDataKinds.ConsoleCall, AppDataKinds.ConsoleCall.IndexScope, CancellationToken.None))
            {
                stored.Add(System.Text.Encoding.UTF8.GetString(item.Value.Span));
            }

            Assert.Equal(2, stored.Count);
            Assert.All(stored, row =>
            {
                Assert.DoesNotContain("dana.whitfield", row, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("lee.parker", row, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("4155550142", row, StringComparison.Ordinal);
                Assert.DoesNotMatch(@"(?<![0-9a-fA-F])20931(?![0-9a-fA-F])", row); // the invoice's digits, but not by chance inside a timestamp or digest
                Assert.Contains("\"stage\":\"InReview\"", row, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public async Task Filters_AndPaging_ReadTheIndexNewestFirst_AndBadFiltersGetAReadable400()
    {
        var (app, _, _) = await StartAsync();
        await using (app)
        {
            var store = app.Services.GetRequiredService<IAppDataStore>();
            var start = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 120; i++)
            {
                var row = new ListedCall
                {
                    CallId = $"call_seed_{i:000}",
                    ReceivedAt = start.AddHours(i),
                    UpdatedAt = start.AddHours(i),
                    Stage = i % 3 == 0 ? HandoffStage.InReview : HandoffStage.Completed,
                    Workflow = i % 2 == 0 ? HandoffWorkflow.Dispute : HandoffWorkflow.InvoiceResend,
                    Amount = i,
                    Currency = "USD",
                };
                await store.PutJsonAsync(CallList.KeyOf(row.CallId), row, CancellationToken.None);
            }

            using var browser = await SignedInAsync(app);
            var first = await PageAsync(await browser.GetAsync("/console/calls"));
            var ids = first.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
            Assert.Equal(CallQuery.PageSize, ids.Count);
            Assert.Equal("call_seed_119", ids[0]);
            Assert.Contains("of 120", first.QuerySelector("#count")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("/console/calls?page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));

            var third = await PageAsync(await browser.GetAsync("/console/calls?page=3"));
            Assert.Equal(20, third.QuerySelectorAll("tbody tr").Length);
            Assert.Equal("call_seed_019", third.QuerySelector("tbody tr td:nth-child(2)")!.TextContent);

            var filtered = await PageAsync(await browser.GetAsync("/console/calls?stage=InReview&workflow=Dispute&from=2026-11-02&to=2026-11-03"));
            var matching = filtered.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
            var expected = Enumerable.Range(0, 120).Where(i => i % 6 == 0 && start.AddHours(i) >= new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero) && start.AddHours(i) < new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero)).Select(i => $"call_seed_{i:000}").Reverse().ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, matching);

            var bad = await browser.GetAsync("/console/calls?stage=Sideways&from=yesterday");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var text = await bad.Content.ReadAsStringAsync();
            Assert.Contains("There is no stage called", text, StringComparison.Ordinal);
            Assert.Contains("is not a date like", text, StringComparison.Ordinal);

            var badCsv = await browser.GetAsync("/console/calls.csv?page=zero");
            Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
            Assert.Equal("application/problem+json", badCsv.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Csv_OfASearch_HasItsRows_MaskedContacts_AndDefusedFormulas()
    {
        var (app, _, _) = await StartAsync(knownEmail: "someone.else@example.com");
        await using (app)
        {
            await PostAsync(app, Call("call_console_csv", "dana.whitfield@example.com", "INV-20931", "249.00", "=HYPERLINK(\"http://evil.example\",\"x\")"));
            await PostAsync(app, Call("call_console_other", "lee.parker@example.com", "INV-55120", "80.00", "Lee Parker"));
            await FinishedAsync(app, "call_console_csv");
            await FinishedAsync(app, "call_console_other");
            using var browser = await SignedInAsync(app);

            var csv = await browser.GetAsync("/console/calls.csv?q=" + Uri.EscapeDataString("dana.whitfield@example.com"));
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("attachment;", csv.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
            Assert.Equal("no-store", csv.Headers.CacheControl!.ToString());
            var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("received_at_utc,call_id,stage,workflow,customer,contact,amount,currency,provider_actions", lines[0]);
            var row = Assert.Single(lines.Skip(1));
            Assert.Contains(",call_console_csv,InReview,Dispute,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",d***@example.com,249.00,USD,", row, StringComparison.Ordinal);
            Assert.DoesNotContain("dana.whitfield", row, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("plain", "plain")]
    public void CsvCell_DefusesFormulasAndQuotesWhatNeedsIt(string value, string cell) => Assert.Equal(cell, CallsCsv.Cell(value));

    [Fact]
    public async Task ErasedCall_LeavesNothingSearchable()
    {
        var (app, _, _) = await StartAsync(knownEmail: "someone.else@example.com");
        await using (app)
        {
            await PostAsync(app, Call("call_console_gone", "dana.whitfield@example.com", "INV-20931", "249.00"));
            await FinishedAsync(app, "call_console_gone");
            using var browser = await SignedInAsync(app);
            Assert.Equal(["call_console_gone"], await FoundAsync(browser, "dana.whitfield@example.com"));

            await HandoffTestApp.ResolveReviewAsync(app.Http, "call_console_gone");
            Assert.Equal(HttpStatusCode.OK, (await app.Http.DeleteAsync("/api/calls/call_console_gone")).StatusCode);

            Assert.Null(await app.Services.GetRequiredService<IAppDataStore>().GetAsync(CallList.KeyOf("call_console_gone"), CancellationToken.None));
            foreach (var search in new[] { "dana.whitfield@example.com", "INV-20931", "249.00", "call_console_gone", "+14155550142" })
            {
                Assert.Empty(await FoundAsync(browser, search));
            }

            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/console/calls/call_console_gone")).StatusCode);
        }
    }

    private static async Task<List<string>> FoundAsync(HttpClient browser, string search)
    {
        var response = await browser.GetAsync("/console/calls?q=" + Uri.EscapeDataString(search));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageAsync(response);
        return [.. page.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent)];
    }
}

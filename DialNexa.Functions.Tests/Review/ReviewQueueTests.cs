using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Review;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Review;

public sealed class ReviewQueueTests
{
    private const string DisputeCall = HandoffTestApp.DisputeCall;

    [Fact]
    public async Task Resolve_CallInReview_LeavesTheQueueWithWhoAndARedactedNote_AndTheFirstResolutionStands()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync(knownEmail: "someone.else@example.com");
        await using (app)
        {
            Assert.Equal("InReview", (await HandoffTestApp.PostDisputeAndWaitForCompletionAsync(app.Http)).GetProperty("stage").GetString());
            Assert.Contains(await OpenItemsAsync(app.Http), c => c.GetProperty("callId").GetString() == DisputeCall);

            var resolved = await app.Http.PostAsJsonAsync($"/api/review/{DisputeCall}/resolve", new { resolvedBy = "ana@finance.example", note = "Refunded by hand; caller read card 4242 4242 4242 4242 again." });
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
            var text = await resolved.Content.ReadAsStringAsync();
            Assert.DoesNotContain("4242 4242", text, StringComparison.Ordinal);
            Assert.Contains("Refunded by hand", text, StringComparison.Ordinal);

            Assert.DoesNotContain(await OpenItemsAsync(app.Http), c => c.GetProperty("callId").GetString() == DisputeCall);
            using var done = JsonDocument.Parse(await app.Http.GetStringAsync("/api/review?resolved=true"));
            var item = Assert.Single(done.RootElement.GetProperty("calls").EnumerateArray());
            Assert.Equal("ana@finance.example", item.GetProperty("resolution").GetProperty("resolvedBy").GetString());
            using var call = JsonDocument.Parse(await app.Http.GetStringAsync($"/api/calls/{DisputeCall}"));
            Assert.Equal("ana@finance.example", call.RootElement.GetProperty("reviewResolution").GetProperty("resolvedBy").GetString());

            var again = await HandoffTestApp.ResolveReviewAsync(app.Http, DisputeCall, "bo@finance.example");
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("ana@finance.example", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Resolve_BadRequests_SayWhatIsWrongAndResolveNothing()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            var route = $"/api/review/{DisputeCall}/resolve";

            var form = await app.Http.PostAsync(route, new StringContent("{\"resolvedBy\":\"x\"}", Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
            var nobody = await app.Http.PostAsJsonAsync(route, new { note = "done" });
            Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
            Assert.Contains("resolvedBy", await nobody.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var broken = await app.Http.PostAsync(route, new StringContent("{\"resolvedBy\":", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);

            // Waiting for finance is not review: it is decided on the approval page, not resolved here.
            var waiting = await HandoffTestApp.ResolveReviewAsync(app.Http, DisputeCall);
            Assert.Equal(HttpStatusCode.Conflict, waiting.StatusCode);
            Assert.Contains("AwaitingApproval", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await HandoffTestApp.ResolveReviewAsync(app.Http, "call_unknown")).StatusCode);
            using var call = JsonDocument.Parse(await app.Http.GetStringAsync($"/api/calls/{DisputeCall}"));
            Assert.False(call.RootElement.TryGetProperty("reviewResolution", out _));
        }
    }

    [Fact]
    public async Task Queue_EntryOpenedAfterItsResolution_IsNotListedAndIsDropped()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync(knownEmail: "someone.else@example.com");
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForCompletionAsync(app.Http);
            var queue = app.Services.GetRequiredService<ReviewQueue>();
            var item = Assert.Single(await queue.ListOpenAsync(CancellationToken.None));
            Assert.Null(await queue.TryResolveAsync(item, new ReviewResolution("ana@finance.example", null, DateTimeOffset.UtcNow), CancellationToken.None));

            // A crash between the two writes of a resolution, or an open step that ran late, leaves both keys.
            await queue.OpenAsync(item, CancellationToken.None);
            Assert.Empty(await queue.ListOpenAsync(CancellationToken.None));
            Assert.Null(await queue.ReadOpenAsync(item.InstanceId, CancellationToken.None));
            Assert.Equal("ana@finance.example", Assert.Single(await queue.ListResolvedAsync(CancellationToken.None)).Resolution.ResolvedBy);
        }
    }

    private static async Task<List<JsonElement>> OpenItemsAsync(HttpClient http)
    {
        using var queue = JsonDocument.Parse(await http.GetStringAsync("/api/review"));
        return [.. queue.RootElement.GetProperty("calls").EnumerateArray().Select(c => c.Clone())];
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DialNexa.Functions.Tests.Hosting;

public sealed class ManagementApiTests
{
    private const string Base = "/runtime/webhooks/durabletask";

    [Fact]
    public async Task Start_ThenStatus_Answers202WhileRunningAnd200WithOutputWhenDone()
    {
        await using var app = await TestApp.StartAsync();
        var start = await app.Http.PostAsync($"{Base}/orchestrators/BenchHelloSequence/seq-1", JsonContent.Create("x"));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var payload = await start.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("seq-1", payload.GetProperty("id").GetString());
        var statusUri = new Uri(payload.GetProperty("statusQueryGetUri").GetString()!);
        Assert.Equal(statusUri, start.Headers.Location);
        var done = await PollUntilDoneAsync(app.Http, statusUri.PathAndQuery);
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Hello Lagos", done.GetProperty("output")[4].GetString());
    }

    [Fact]
    public async Task Status_UnknownInstance_Is404ProblemJson()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.Http.GetAsync($"{Base}/instances/nobody");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RaiseEvent_Running202_Finished410_Unknown404_NotJson400()
    {
        await using var app = await TestApp.StartAsync();
        await app.Http.PostAsync($"{Base}/orchestrators/BenchWaitForEvent/w-1", JsonContent.Create("x"));
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Http.PostAsync($"{Base}/instances/w-1/raiseEvent/Go", new StringContent("now", Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"{Base}/instances/w-1/raiseEvent/Go", JsonContent.Create("now"))).StatusCode);
        var done = await PollUntilDoneAsync(app.Http, $"{Base}/instances/w-1");
        Assert.Equal("now", done.GetProperty("output").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await app.Http.PostAsync($"{Base}/instances/w-1/raiseEvent/Go", JsonContent.Create("again"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.PostAsync($"{Base}/instances/nobody/raiseEvent/Go", JsonContent.Create("x"))).StatusCode);
    }

    [Fact]
    public async Task Terminate_ThenPurge_RemovesTheInstance()
    {
        await using var app = await TestApp.StartAsync();
        await app.Http.PostAsync($"{Base}/orchestrators/BenchWaitForEvent/t-1", JsonContent.Create("x"));
        Assert.Equal(HttpStatusCode.Conflict, (await app.Http.DeleteAsync($"{Base}/instances/t-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"{Base}/instances/t-1/terminate?reason=test", null)).StatusCode);
        var done = await PollUntilDoneAsync(app.Http, $"{Base}/instances/t-1");
        Assert.Equal("Terminated", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await app.Http.PostAsync($"{Base}/instances/t-1/terminate", null)).StatusCode);
        var purge = await app.Http.DeleteAsync($"{Base}/instances/t-1");
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (await purge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"{Base}/instances/t-1")).StatusCode);
    }

    [Fact]
    public async Task Start_DuplicateRunningId_Is409_BadJson_Is400_UnknownOrchestrator_Is400()
    {
        await using var app = await TestApp.StartAsync();
        await app.Http.PostAsync($"{Base}/orchestrators/BenchWaitForEvent/d-1", JsonContent.Create("x"));
        Assert.Equal(HttpStatusCode.Conflict, (await app.Http.PostAsync($"{Base}/orchestrators/BenchWaitForEvent/d-1", JsonContent.Create("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Http.PostAsync($"{Base}/orchestrators/BenchWaitForEvent/d-2", new StringContent("{nope", Encoding.UTF8, "application/json"))).StatusCode);
        var unknown = await app.Http.PostAsync($"{Base}/orchestrators/Nope/d-3", JsonContent.Create("x"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Nope", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersByStatusAndPagesWithContinuationHeader()
    {
        await using var app = await TestApp.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await app.Http.PostAsync($"{Base}/orchestrators/BenchWaitForEvent/l-{i}", JsonContent.Create("x"));
        }

        var ids = new List<string>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/instances?top=2&instanceIdPrefix=l-");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            var response = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            ids.AddRange(page.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.First() : null;
        }
        while (token is not null);
        Assert.Equal(5, ids.Distinct().Count());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Http.GetAsync($"{Base}/instances?runtimeStatus=Sleeping")).StatusCode);
    }

    [Fact]
    public async Task AdminKey_WhenSet_IsRequiredAsHeaderOrCode()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string> { ["DialNexa:AdminKey"] = "s3cret-admin" });
        var without = await app.Http.GetAsync($"{Base}/instances/x");
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.DoesNotContain("s3cret-admin", await without.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.GetAsync($"{Base}/instances/x?code=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"{Base}/instances/x?code=s3cret-admin")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/instances/x");
        request.Headers.Add("x-functions-key", "s3cret-admin");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.SendAsync(request)).StatusCode);
    }

    internal static async Task<JsonElement> PollUntilDoneAsync(HttpClient http, string path, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var response = await http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Task.Delay(50);
        }

        throw new TimeoutException($"{path} did not finish within {seconds} s.");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using static DialNexa.DurableTask.Tests.Conformance.ConformanceOrchestrations;

namespace DialNexa.DurableTask.Tests.ManagementApi;

/// <summary>The management API over HTTP: routes, parameters, status codes and shapes of Durable Functions' HttpApiHandler.</summary>
public sealed partial class ManagementApiTests(ManagementApiHost host) : IClassFixture<ManagementApiHost>
{
    private const string Base = "/runtime/webhooks/durabletask";

    private HttpClient Http => host.Http;

    [Fact]
    public async Task Start_PostWithJsonBody_Answers202WithTheCheckStatusLinks()
    {
        var id = NewId();

        using var response = await Http.PostAsync($"{Base}/orchestrators/{nameof(Echo)}/{id}", Json("\"hi\""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ReadObjectAsync(response);
        Assert.Equal(id, (string?)body["id"]);
        var statusUri = (string)body["statusQueryGetUri"]!;
        Assert.Equal($"{host.BaseAddress.ToString().TrimEnd('/')}{Base}/instances/{id}?taskHub={ManagementApiHost.HubName}&connection=Storage", statusUri);
        Assert.Equal(statusUri, response.Headers.Location!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter!.Delta);
        foreach (var link in new[] { "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "restartPostUri", "suspendPostUri", "resumePostUri" })
        {
            Assert.StartsWith($"{host.BaseAddress.ToString().TrimEnd('/')}{Base}/instances/{id}", (string)body[link]!, StringComparison.Ordinal);
        }

        Assert.Contains("/raiseEvent/{eventName}?", (string)body["sendEventPostUri"]!, StringComparison.Ordinal);
        Assert.Equal("hi", (await host.Client.WaitForInstanceCompletionAsync(id, true)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Start_WithoutInstanceId_GeneratesOne()
    {
        using var response = await Http.PostAsync($"{Base}/orchestrators/{nameof(HelloSequence)}", content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)(await ReadObjectAsync(response))["id"]!;
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.WaitForInstanceCompletionAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task Start_UnknownFunction_Answers400()
    {
        using var response = await Http.PostAsync($"{Base}/orchestrators/NoSuchOrchestrator", content: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Start_InvalidJson_Answers400()
    {
        using var response = await Http.PostAsync($"{Base}/orchestrators/{nameof(Echo)}/{NewId()}", Json("{not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid JSON content", (string?)(await ReadObjectAsync(response))["Message"]);
    }

    [Fact]
    public async Task Start_WithTimeoutAndPollingInterval_AnswersTheOutputOnceCompleted()
    {
        using var response = await Http.PostAsync($"{Base}/orchestrators/{nameof(Echo)}/{NewId()}?timeout=30&pollingInterval=1", Json("\"waited\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("waited", await response.Content.ReadFromJsonAsync<string>());
    }

    [Fact]
    public async Task Start_RunningInstanceId_Answers409()
    {
        var id = await StartWaitingAsync();

        using var response = await Http.PostAsync($"{Base}/orchestrators/{nameof(WaitForEvent)}/{id}", Json("\"Go\""));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task GetStatus_Running_Answers202WithLocationAndRetryAfter()
    {
        var id = await StartWaitingAsync();

        using var response = await Http.GetAsync($"{Base}/instances/{id}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"{host.BaseAddress.ToString().TrimEnd('/')}{Base}/instances/{id}", response.Headers.Location!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter!.Delta);
        Assert.Equal("Running", (string?)(await ReadObjectAsync(response))["runtimeStatus"]);
    }

    [Fact]
    public async Task GetStatus_Completed_Answers200WithTheExtensionsFieldNames()
    {
        var id = await RunAsync(nameof(Echo), "done");

        using var response = await Http.GetAsync($"{Base}/instances/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var body = await ReadObjectAsync(response);
        Assert.Equal(["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"], body.Select(p => p.Key));
        Assert.Equal(nameof(Echo), (string?)body["name"]);
        Assert.Equal(id, (string?)body["instanceId"]);
        Assert.Equal("Completed", (string?)body["runtimeStatus"]);
        Assert.Equal("done", (string?)body["input"]);
        Assert.Equal("done", (string?)body["output"]);
        Assert.Matches(Timestamp(), (string)body["createdTime"]!);
        Assert.Matches(Timestamp(), (string)body["lastUpdatedTime"]!);
    }

    [Fact]
    public async Task GetStatus_ShowInputFalse_LeavesTheInputOut()
    {
        var id = await RunAsync(nameof(Echo), "hidden");

        var body = await ReadObjectAsync(await Http.GetAsync($"{Base}/instances/{id}?showInput=false"));

        Assert.Null(body["input"]);
        Assert.Equal("hidden", (string?)body["output"]);
    }

    [Fact]
    public async Task GetStatus_UnknownInstance_Answers404()
    {
        using var response = await Http.GetAsync($"{Base}/instances/{NewId()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetStatus_ShowHistory_ListsEventsWithActivityNamesAndNoEpisodeMarkers()
    {
        var id = await RunAsync(nameof(HelloSequence), null);

        var withoutOutput = await ReadObjectAsync(await Http.GetAsync($"{Base}/instances/{id}?showHistory=true"));
        var withOutput = await ReadObjectAsync(await Http.GetAsync($"{Base}/instances/{id}?showHistory=true&showHistoryOutput=true"));

        var events = withoutOutput["historyEvents"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal("ExecutionStarted", (string?)events[0]["EventType"]);
        Assert.Equal(nameof(HelloSequence), (string?)events[0]["FunctionName"]);
        Assert.DoesNotContain(events, e => (string?)e["EventType"] is "OrchestratorStarted" or "OrchestratorCompleted" or "TaskScheduled");
        var completions = events.Where(e => (string?)e["EventType"] == "TaskCompleted").ToList();
        Assert.Equal(3, completions.Count);
        Assert.All(completions, e => Assert.Equal(nameof(SayHello), (string?)e["FunctionName"]));
        Assert.All(completions, e => Assert.NotNull(e["ScheduledTime"]));
        Assert.All(completions, e => Assert.False(e.ContainsKey("Result")));
        Assert.Equal("ExecutionCompleted", (string?)events[^1]["EventType"]);
        Assert.Equal("Completed", (string?)events[^1]["OrchestrationStatus"]);
        var results = withOutput["historyEvents"]!.AsArray().Where(e => (string?)e!["EventType"] == "TaskCompleted").Select(e => (string?)e!["Result"]);
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], results);
    }

    [Fact]
    public async Task GetStatus_Failed_ShowsTypeAndMessageButNoStackTraceAndAnswers500OnlyWhenAsked()
    {
        var id = await RunAsync(nameof(ChargeParentUnhandled), "call_500");

        using var plain = await Http.GetAsync($"{Base}/instances/{id}?showHistory=true&showHistoryOutput=true");
        using var asked = await Http.GetAsync($"{Base}/instances/{id}?returnInternalServerErrorOnFailure=true");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, asked.StatusCode);
        var text = await plain.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("Failed", (string?)body["runtimeStatus"]);
        Assert.StartsWith(typeof(TaskFailedException).FullName!, (string)body["output"]!, StringComparison.Ordinal);
        Assert.Contains("card declined for call_500", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs", text, StringComparison.Ordinal);
        Assert.DoesNotContain("StackTrace", text, StringComparison.Ordinal);
        Assert.DoesNotContain(AppContext.BaseDirectory, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TopAndContinuationHeader_PagesThroughEveryInstance()
    {
        var prefix = $"list-{Guid.NewGuid():N}-";
        for (var i = 0; i < 5; i++)
        {
            await RunAsync(nameof(Echo), $"item {i}", $"{prefix}{i}");
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/instances?instanceIdPrefix={prefix}&top=2&showInput=true");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            Assert.True(items.Count <= 2);
            Assert.All(items, item => Assert.StartsWith("item ", (string)item!["input"]!, StringComparison.Ordinal));
            seen.AddRange(items.Select(item => (string)item!["instanceId"]!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}{i}"), seen.Order(StringComparer.Ordinal));
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task List_RuntimeStatusCommaSeparated_ReturnsOnlyThoseStatuses()
    {
        var prefix = $"filter-{Guid.NewGuid():N}-";
        var done = await RunAsync(nameof(Echo), "x", $"{prefix}done");
        var waiting = await StartWaitingAsync($"{prefix}waiting");

        var running = JsonNode.Parse(await Http.GetStringAsync($"{Base}/instances?instanceIdPrefix={prefix}&runtimeStatus=Running,Pending"))!.AsArray();
        var both = JsonNode.Parse(await Http.GetStringAsync($"{Base}/instances?instanceIdPrefix={prefix}&runtimeStatus=Running,Completed"))!.AsArray();
        var defaultInput = running.Single()!["input"];

        Assert.Equal([waiting], running.Select(i => (string)i!["instanceId"]!));
        Assert.Equal([done, waiting], both.Select(i => (string)i!["instanceId"]!).Order(StringComparer.Ordinal));
        Assert.Null(defaultInput);
    }

    [Fact]
    public async Task List_CreatedTimeWindow_ExcludesInstancesOutsideIt()
    {
        var prefix = $"window-{Guid.NewGuid():N}-";
        await RunAsync(nameof(Echo), "x", $"{prefix}1");
        var future = DateTime.UtcNow.AddHours(1).ToString("o");

        var later = JsonNode.Parse(await Http.GetStringAsync($"{Base}/instances?instanceIdPrefix={prefix}&createdTimeFrom={Uri.EscapeDataString(future)}"))!.AsArray();
        var earlier = JsonNode.Parse(await Http.GetStringAsync($"{Base}/instances?instanceIdPrefix={prefix}&createdTimeTo={Uri.EscapeDataString(future)}"))!.AsArray();

        Assert.Empty(later);
        Assert.Single(earlier);
    }

    [Fact]
    public async Task RaiseEvent_RunningInstance_Answers202AndDeliversTheJsonPayload()
    {
        var id = await StartWaitingAsync();

        using var response = await Http.PostAsync($"{Base}/instances/{id}/raiseEvent/Go", Json("\"approved\""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("approved", (await host.Client.WaitForInstanceCompletionAsync(id, true)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEvent_NotJson_Answers400()
    {
        var id = await StartWaitingAsync();

        using var response = await Http.PostAsync($"{Base}/instances/{id}/raiseEvent/Go", new StringContent("approved", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RaiseEvent_FinishedInstance_Answers410AndUnknownAnswers404()
    {
        var id = await RunAsync(nameof(Echo), "x");

        using var gone = await Http.PostAsync($"{Base}/instances/{id}/raiseEvent/Go", Json("1"));
        using var missing = await Http.PostAsync($"{Base}/instances/{NewId()}/raiseEvent/Go", Json("1"));

        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Terminate_RunningInstance_Answers202AndRecordsTheReason()
    {
        var id = await StartWaitingAsync();

        using var response = await Http.PostAsync($"{Base}/instances/{id}/terminate?reason=operator%20stop", content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator stop", result.ReadOutputAs<string>());
        using var again = await Http.PostAsync($"{Base}/instances/{id}/terminate", content: null);
        using var missing = await Http.PostAsync($"{Base}/instances/{NewId()}/terminate", content: null);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task SuspendAndResume_RunningInstance_Answer202AndChangeItsStatus()
    {
        var id = await StartWaitingAsync();

        using var suspend = await Http.PostAsync($"{Base}/instances/{id}/suspend?reason=hold", content: null);
        var suspended = await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        using var resume = await Http.PostAsync($"{Base}/instances/{id}/resume?reason=go", content: null);
        var resumed = await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended);
        Assert.Equal(OrchestrationRuntimeStatus.Running, resumed);
    }

    [Fact]
    public async Task Purge_FinishedInstance_Answers200WithTheCountThen404()
    {
        var id = await RunAsync(nameof(Echo), "x");

        using var purged = await Http.DeleteAsync($"{Base}/instances/{id}");
        using var again = await Http.DeleteAsync($"{Base}/instances/{id}");

        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (int)(await ReadObjectAsync(purged))["instancesDeleted"]!);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Purge_RunningInstance_Answers409AndKeepsIt()
    {
        var id = await StartWaitingAsync();

        using var response = await Http.DeleteAsync($"{Base}/instances/{id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotNull(await host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task PurgeByFilter_WithoutCreatedTimeFrom_Answers400()
    {
        using var response = await Http.DeleteAsync($"{Base}/instances");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Please provide value for 'createdTimeFrom' parameter.", await response.Content.ReadFromJsonAsync<string>());
    }

    [Fact]
    public async Task PurgeByFilter_MatchingWindow_Answers200AndNothingLeftAnswers404()
    {
        var from = DateTime.UtcNow.AddYears(-30).ToString("o");
        var to = DateTime.UtcNow.AddYears(-29).ToString("o");
        using var nothing = await Http.DeleteAsync($"{Base}/instances?createdTimeFrom={Uri.EscapeDataString(from)}&createdTimeTo={Uri.EscapeDataString(to)}");
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);

        var id = await RunAsync(nameof(Echo), "x");
        var created = (await host.Client.GetInstanceAsync(id))!.CreatedAt;
        var window = $"createdTimeFrom={Uri.EscapeDataString(created.AddMilliseconds(-1).ToString("o"))}&createdTimeTo={Uri.EscapeDataString(created.AddMilliseconds(1).ToString("o"))}";

        using var purged = await Http.DeleteAsync($"{Base}/instances?{window}&runtimeStatus=Completed");

        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.True((int)(await ReadObjectAsync(purged))["instancesDeleted"]! >= 1);
        Assert.Null(await host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Rewind_ProviderWithoutRewind_Answers501AndFinishedAnswers410()
    {
        var key = $"api-rewind-{Guid.NewGuid():N}";
        Armed[key] = true;
        var failed = await RunAsync(nameof(ActivityFailsWhileArmed), key);
        var completed = await RunAsync(nameof(Echo), "x");

        using var unsupported = await Http.PostAsync($"{Base}/instances/{failed}/rewind?reason=retry", content: null);
        using var gone = await Http.PostAsync($"{Base}/instances/{completed}/rewind", content: null);

        Assert.Equal(HttpStatusCode.NotImplemented, unsupported.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }

    [Fact]
    public async Task Restart_DefaultAndSameId_Answer202ForTheRestartedInstance()
    {
        var id = await RunAsync(nameof(Echo), "again");

        using var newId = await Http.PostAsync($"{Base}/instances/{id}/restart", content: null);
        using var sameId = await Http.PostAsync($"{Base}/instances/{id}/restart?restartWithNewInstanceId=false", content: null);
        using var missing = await Http.PostAsync($"{Base}/instances/{NewId()}/restart", content: null);

        Assert.Equal(HttpStatusCode.Accepted, newId.StatusCode);
        var restarted = (string)(await ReadObjectAsync(newId))["id"]!;
        Assert.NotEqual(id, restarted);
        Assert.Equal("again", (await host.Client.WaitForInstanceCompletionAsync(restarted, true)).ReadOutputAs<string>());
        Assert.Equal(HttpStatusCode.Accepted, sameId.StatusCode);
        Assert.Equal(id, (string?)(await ReadObjectAsync(sameId))["id"]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task AnyRoute_OtherTaskHub_Answers400()
    {
        using var response = await Http.GetAsync($"{Base}/instances?taskHub=SomeOtherHub");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CreateCheckStatusResponse_FromAnAppRoute_Answers202WithLocationAndRetryAfter()
    {
        var id = NewId();

        using var response = await Http.PostAsync($"/api/start/{id}?code=admin-key", content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ReadObjectAsync(response);
        Assert.Equal(id, (string?)body["id"]);
        Assert.Equal((string?)body["statusQueryGetUri"], response.Headers.Location!.ToString());
        Assert.EndsWith("&code=admin-key", (string)body["statusQueryGetUri"]!, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter!.Delta);
        using var status = await Http.GetAsync(response.Headers.Location);
        Assert.True(status.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted);
    }

    private static string NewId() => $"api-{Guid.NewGuid():N}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private async Task<string> RunAsync(string name, object? input, string? instanceId = null)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId ?? NewId()));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.Client.WaitForInstanceCompletionAsync(id, patience.Token);
        return id;
    }

    private async Task<string> StartWaitingAsync(string? instanceId = null)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForEvent), "Go", new StartOrchestrationOptions(instanceId ?? NewId()));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.Client.WaitForInstanceStartAsync(id, patience.Token);
        return id;
    }

    private async Task<OrchestrationRuntimeStatus> WaitForStatusAsync(string id, OrchestrationRuntimeStatus wanted)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var status = (await host.Client.GetInstanceAsync(id, patience.Token))!.RuntimeStatus;
            if (status == wanted)
            {
                return status;
            }

            await Task.Delay(50, patience.Token);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
    private static partial Regex Timestamp();
}

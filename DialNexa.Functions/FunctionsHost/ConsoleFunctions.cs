using DialNexa.Functions.OperationsConsole;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.FunctionsHost;

/// <summary>
/// The operations console as <c>[HttpTrigger]</c> functions: the same handlers the self-host maps under <c>/console</c>,
/// served here under the host's <c>api</c> prefix (<c>/api/console</c>), which the pages' links and the session cookie's
/// path follow. The console's own session is the gate (the admin key is checked once, at sign-in).
/// </summary>
internal sealed class ConsoleFunctions
{
    /// <summary>Where the Functions host serves the console.</summary>
    public const string BasePath = "/api/console";

    [Function("ConsoleHome")]
    public static IResult ConsoleHome([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ConsoleEndpoints.Home(request.HttpContext, BasePath);
    }

    [Function("ConsoleSignInForm")]
    public static IResult ConsoleSignInForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/sign-in")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ConsoleEndpoints.SignInForm(request.HttpContext, BasePath);
    }

    [Function("ConsoleSignIn")]
    public static Task<IResult> ConsoleSignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-in")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.SignInAsync(http, BasePath));

    [Function("ConsoleSignOut")]
    public static Task<IResult> ConsoleSignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-out")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.SignOutAsync(http, BasePath));

    [Function("ConsoleCalls")]
    public static Task<IResult> ConsoleCalls(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/calls")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.CallsAsync(http, BasePath));

    [Function("ConsoleCallsCsv")]
    public static Task<IResult> ConsoleCallsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/calls.csv")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.CallsCsvAsync(http, BasePath));

    [Function("ConsoleCall")]
    public static Task<IResult> ConsoleCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/calls/{callId}")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.CallAsync(http, BasePath, callId));

    [Function("ConsoleCallTranscript")]
    public static Task<IResult> ConsoleCallTranscript(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/calls/{callId}/transcript")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.TranscriptAsync(http, BasePath, callId));

    [Function("ConsoleCallRecording")]
    public static Task<IResult> ConsoleCallRecording(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/calls/{callId}/recording")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.RecordingAsync(http, BasePath, callId));

    [Function("ConsoleReview")]
    public static Task<IResult> ConsoleReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/review")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.ReviewAsync(http, BasePath));

    [Function("ConsoleResolveReview")]
    public static Task<IResult> ConsoleResolveReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/review/{instanceId}/resolve")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.ResolveAsync(http, BasePath, instanceId));

    [Function("ConsoleApprovals")]
    public static Task<IResult> ConsoleApprovals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/approvals")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.ApprovalsAsync(http, BasePath));

    [Function("ConsoleRemindApproval")]
    public static Task<IResult> ConsoleRemindApproval(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/approvals/{callId}/remind")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.RemindAsync(http, BasePath, callId));

    [Function("ConsoleTrends")]
    public static Task<IResult> ConsoleTrends(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/trends")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        WithClientAsync(request, client, http => ConsoleEndpoints.TrendsAsync(http, BasePath));

    /// <summary>Runs a console handler with this invocation's durable client as the one the handlers read.</summary>
    private static async Task<IResult> WithClientAsync(HttpRequest request, DurableTaskClient client, Func<HttpContext, Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await handler(request.HttpContext);
    }
}

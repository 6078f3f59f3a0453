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
    public static async Task<IResult> ConsoleSignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-in")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.SignInAsync(request.HttpContext, BasePath);
    }

    [Function("ConsoleSignOut")]
    public static async Task<IResult> ConsoleSignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-out")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.SignOutAsync(request.HttpContext, BasePath);
    }

    [Function("ConsoleCalls")]
    public static async Task<IResult> ConsoleCalls(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/calls")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.CallsAsync(request.HttpContext, BasePath);
    }

    [Function("ConsoleCallsCsv")]
    public static async Task<IResult> ConsoleCallsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/calls.csv")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.CallsCsvAsync(request.HttpContext, BasePath);
    }

    [Function("ConsoleCall")]
    public static async Task<IResult> ConsoleCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/calls/{callId}")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.CallAsync(request.HttpContext, BasePath, callId);
    }

    [Function("ConsoleCallTranscript")]
    public static async Task<IResult> ConsoleCallTranscript(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/calls/{callId}/transcript")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.TranscriptAsync(request.HttpContext, BasePath, callId);
    }

    [Function("ConsoleCallRecording")]
    public static async Task<IResult> ConsoleCallRecording(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/calls/{callId}/recording")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.RecordingAsync(request.HttpContext, BasePath, callId);
    }

    [Function("ConsoleReview")]
    public static async Task<IResult> ConsoleReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/review")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.ReviewAsync(request.HttpContext, BasePath);
    }

    [Function("ConsoleResolveReview")]
    public static async Task<IResult> ConsoleResolveReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/review/{instanceId}/resolve")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.ResolveAsync(request.HttpContext, BasePath, instanceId);
    }

    [Function("ConsoleApprovals")]
    public static async Task<IResult> ConsoleApprovals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/approvals")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.ApprovalsAsync(request.HttpContext, BasePath);
    }

    [Function("ConsoleRemindApproval")]
    public static async Task<IResult> ConsoleRemindApproval(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/approvals/{callId}/remind")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.RemindAsync(request.HttpContext, BasePath, callId);
    }

    [Function("ConsoleTrends")]
    public static async Task<IResult> ConsoleTrends(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/trends")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ConsoleEndpoints.TrendsAsync(request.HttpContext, BasePath);
    }
}

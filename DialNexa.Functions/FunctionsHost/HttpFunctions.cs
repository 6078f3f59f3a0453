using DialNexa.Functions.AppData;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.HttpEdge;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Redaction;
using DialNexa.Functions.Retention;
using DialNexa.Functions.Review;
using DialNexa.Functions.Webhooks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.FunctionsHost;

/// <summary>
/// Every HTTP route of the app as an <c>[HttpTrigger]</c> function (routes under the host's <c>api</c> prefix), each
/// calling the handler the self-host maps. Status and review routes need <c>DialNexa__AdminKey</c> here: the worker
/// sees every request as coming from the Functions host on loopback, so it never trusts loopback.
/// </summary>
internal sealed class HttpFunctions(IServiceProvider services, IConfiguration configuration)
{
    [Function("Health")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        Results.Ok(new { status = "ok" });

    [Function("DialNexaWebhook")]
    public async Task<IResult> Webhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dialnexa/webhook")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await WebhookEndpoint.HandleAsync(
            request,
            Get<WebhookSecretRing>(),
            Get<IOptions<WebhookOptions>>(),
            Get<CallInbox>(),
            Get<HandoffDeliveries>(),
            Get<ErasedCalls>(),
            Get<CallEraser>(),
            Get<TranscriptRedactor>(),
            Get<PublicBaseUrl>(),
            Get<ILoggerFactory>(),
            cancellationToken);
    }

    [Function("GetCall")]
    public async Task<IResult> GetCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calls/{callId}")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        using var scope = FunctionsClientSource.Use(client);
        return Gate(request) ?? await CallStatusEndpoints.GetCallAsync(callId, Get<IDurableClientSource>(), Get<ReviewQueue>(), Get<LateDeliveryReviews>(), Get<ActionReruns>(), cancellationToken);
    }

    [Function("GetCallTranscript")]
    public async Task<IResult> GetTranscript(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calls/{callId}/transcript")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        using var scope = FunctionsClientSource.Use(client);
        return Gate(request) ?? await CallStatusEndpoints.GetTranscriptAsync(callId, Get<IDurableClientSource>(), Get<CallInbox>(), Get<IAppDataStore>(), cancellationToken);
    }

    [Function("GetCallRecording")]
    public async Task<IResult> GetRecording(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calls/{callId}/recording")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        using var scope = FunctionsClientSource.Use(client);
        return Gate(request) ?? await CallStatusEndpoints.GetRecordingAsync(callId, Get<IDurableClientSource>(), Get<CallRecordingStore>(), Get<IOptions<RecordingOptions>>(), cancellationToken);
    }

    [Function("EraseCall")]
    public async Task<IResult> EraseCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "calls/{callId}")] HttpRequest request,
        string callId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        using var scope = FunctionsClientSource.Use(client);
        return Gate(request) ?? await CallErasureEndpoint.EraseAsync(callId, Get<CallEraser>(), cancellationToken);
    }

    [Function("ListReview")]
    public async Task<IResult> ListReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool? resolved = bool.TryParse(request.Query["resolved"], out var flag) ? flag : null;
        return Gate(request) ?? await ReviewEndpoints.ListAsync(resolved, Get<ReviewQueue>(), cancellationToken);
    }

    [Function("ResolveReview")]
    public async Task<IResult> ResolveReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "review/{instanceId}/resolve")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        using var scope = FunctionsClientSource.Use(client);
        return Gate(request) ?? await ReviewEndpoints.ResolveAsync(instanceId, request, Get<IReviewSubjects>(), Get<ReviewQueue>(), Get<TranscriptRedactor>(), Get<TimeProvider>(), cancellationToken);
    }

    [Function("RerunReviewAction")]
    public async Task<IResult> RerunReviewAction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "review/{instanceId}/actions/{kind}/rerun")] HttpRequest request,
        string instanceId,
        string kind,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        using var scope = FunctionsClientSource.Use(client);
        return Gate(request) ?? await ActionRerunEndpoint.RerunAsync(instanceId, kind, request, Get<ActionReruns>(), Get<TranscriptRedactor>(), cancellationToken);
    }

    [Function("ShowApproval")]
    public async Task<IResult> ShowApproval(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}")] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ApprovalEndpoints.ShowAsync(token, request.HttpContext, Get<ApprovalTokens>(), Get<ApprovalDecisions>(), Get<ApprovalViews>(), Get<IAntiforgery>(), cancellationToken);
    }

    [Function("DecideApproval")]
    public async Task<IResult> DecideApproval(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{token}")] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ApprovalEndpoints.DecideAsync(token, request.HttpContext, Get<ApprovalTokens>(), Get<ApprovalDecisions>(), Get<ApprovalViews>(), Get<IAntiforgery>(), Get<ILogger<ApprovalDecisions>>(), cancellationToken);
    }

    [Function("ShowApprovalTranscript")]
    public async Task<IResult> ShowApprovalTranscript(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}/transcript")] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await ApprovalEndpoints.TranscriptAsync(token, request.HttpContext, Get<ApprovalTokens>(), Get<ApprovalDecisions>(), Get<ApprovalViews>(), cancellationToken);
    }

    [Function("SlackInteractions")]
    public async Task<IResult> SlackInteractions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "slack/interactions")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = FunctionsClientSource.Use(client);
        return await SlackInteractionEndpoint.HandleAsync(
            request.HttpContext,
            Get<IOptions<SlackInteractivityOptions>>(),
            Get<IOptionsMonitor<ApprovalsOptions>>(),
            Get<ISecretResolver>(),
            Get<ApprovalStore>(),
            Get<ApprovalDecisions>(),
            Get<SlackResponder>(),
            Get<TimeProvider>(),
            Get<ILogger<SlackResponder>>(),
            cancellationToken);
    }

    private IResult? Gate(HttpRequest request) => AdminKeyGate.Refusal(request.HttpContext, configuration, trustLoopback: false);

    private T Get<T>()
        where T : notnull => services.GetRequiredService<T>();
}

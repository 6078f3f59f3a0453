using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Providers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.FunctionsHost;

/// <summary>The handoff's activities as <c>[ActivityTrigger]</c> functions, each running the activity class the self-host runs.</summary>
internal sealed class ActivityFunctions
{
    [Function(nameof(RedactCallActivity))]
    public Task<RedactedCall> RedactCall([ActivityTrigger] RedactCallInput input, FunctionContext function) =>
        ActivityInvoker.RunAsync<RedactCallActivity, RedactCallInput, RedactedCall>(function, input);

    [Function(nameof(ExtractFactsActivity))]
    public Task<CallFacts> ExtractFacts([ActivityTrigger] ExtractFactsInput input, FunctionContext function) =>
        ActivityInvoker.RunAsync<ExtractFactsActivity, ExtractFactsInput, CallFacts>(function, input);

    [Function(nameof(MatchCallerActivity))]
    public Task<CallerMatch> MatchCaller([ActivityTrigger] MatchCallerInput input, FunctionContext function) =>
        ActivityInvoker.RunAsync<MatchCallerActivity, MatchCallerInput, CallerMatch>(function, input);

    [Function(nameof(PlanHandoffActivity))]
    public Task<HandoffPlan> PlanHandoff([ActivityTrigger] PlanHandoffInput input, FunctionContext function) =>
        ActivityInvoker.RunAsync<PlanHandoffActivity, PlanHandoffInput, HandoffPlan>(function, input);

    [Function(nameof(AssessCallActivity))]
    public Task<CallAssessment> AssessCall([ActivityTrigger] AssessCallInput input, FunctionContext function) =>
        ActivityInvoker.RunAsync<AssessCallActivity, AssessCallInput, CallAssessment>(function, input);

    [Function(nameof(RouteToReviewActivity))]
    public Task<OutgoingMessage> RouteToReview([ActivityTrigger] CallStatusSnapshot input, FunctionContext function) =>
        ActivityInvoker.RunAsync<RouteToReviewActivity, CallStatusSnapshot, OutgoingMessage>(function, input);

    [Function(nameof(OpenReviewActivity))]
    public Task<bool> OpenReview([ActivityTrigger] CallStatusSnapshot input, FunctionContext function) =>
        ActivityInvoker.RunAsync<OpenReviewActivity, CallStatusSnapshot, bool>(function, input);

    [Function(nameof(RequestApprovalActivity))]
    public Task<ApprovalPosting> RequestApproval([ActivityTrigger] RequestApprovalInput input, FunctionContext function) =>
        ActivityInvoker.RunAsync<RequestApprovalActivity, RequestApprovalInput, ApprovalPosting>(function, input);

    [Function(nameof(RemindApprovalActivity))]
    public Task<ApprovalPosting> RemindApproval([ActivityTrigger] CallStatusSnapshot input, FunctionContext function) =>
        ActivityInvoker.RunAsync<RemindApprovalActivity, CallStatusSnapshot, ApprovalPosting>(function, input);

    [Function(nameof(AnnounceDecisionActivity))]
    public Task<OutgoingMessage> AnnounceDecision([ActivityTrigger] CallStatusSnapshot input, FunctionContext function) =>
        ActivityInvoker.RunAsync<AnnounceDecisionActivity, CallStatusSnapshot, OutgoingMessage>(function, input);

    [Function(nameof(ExecuteProviderActionActivity))]
    public Task<ProviderActionResult> ExecuteProviderAction([ActivityTrigger] PlannedAction input, FunctionContext function) =>
        ActivityInvoker.RunAsync<ExecuteProviderActionActivity, PlannedAction, ProviderActionResult>(function, input);

    [Function(nameof(RecordCallActivity))]
    public Task<bool> RecordCall([ActivityTrigger] CallStatusSnapshot input, FunctionContext function) =>
        ActivityInvoker.RunAsync<RecordCallActivity, CallStatusSnapshot, bool>(function, input);

    [Function(nameof(SummarizeCallActivity))]
    public Task<string> SummarizeCall([ActivityTrigger] CallStatusSnapshot input, FunctionContext function) =>
        ActivityInvoker.RunAsync<SummarizeCallActivity, CallStatusSnapshot, string>(function, input);

    [Function(nameof(NotifyActivity))]
    public Task<List<OutgoingMessage>> Notify([ActivityTrigger] CallStatusSnapshot input, FunctionContext function) =>
        ActivityInvoker.RunAsync<NotifyActivity, CallStatusSnapshot, List<OutgoingMessage>>(function, input);

    [Function(nameof(DeliverMessageActivity))]
    public Task<MessageAttempt> DeliverMessage([ActivityTrigger] MessageAttemptInput input, FunctionContext function) =>
        ActivityInvoker.RunAsync<DeliverMessageActivity, MessageAttemptInput, MessageAttempt>(function, input);

    [Function(nameof(UnreadDeliveriesActivity))]
    public Task<List<Inbox.InboxDelivery>> UnreadDeliveries([ActivityTrigger] string input, FunctionContext function) =>
        ActivityInvoker.RunAsync<UnreadDeliveriesActivity, string, List<Inbox.InboxDelivery>>(function, input);

    /// <summary>Starts late-delivery reviews, so it binds a durable client.</summary>
    [Function(nameof(CloseInboxActivity))]
    public async Task<int> CloseInbox([ActivityTrigger] CloseInboxInput input, [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        using var scope = FunctionsClientSource.Use(client);
        return await ActivityInvoker.RunAsync<CloseInboxActivity, CloseInboxInput, int>(function, input);
    }
}

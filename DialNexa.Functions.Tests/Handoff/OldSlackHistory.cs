namespace DialNexa.Functions.Tests.Handoff;

/// <summary>
/// Activity inputs and outputs as orchestration histories hold them from before Slack became a channel of
/// <c>Notifications</c>: serialized by that code (AppJson), when an outgoing message carried a
/// <c>ProviderActionRequest</c> of kind <c>SlackAlert</c> or <c>SlackApprovalRequest</c>.
/// </summary>
internal static class OldSlackHistory
{
    /// <summary>A <c>DeliverMessageActivity</c> input: the duplicate-charge alert, second attempt.</summary>
    public const string AttemptInput = """
        {"message":{"callId":"call_7f3a9c21d4","key":"alert:Duplicate-charge","purpose":"Duplicate charge","channel":"Slack","slack":{"callId":"call_7f3a9c21d4","kind":"SlackAlert","dedupeKey":"call_7f3a9c21d4:SlackAlert","customerName":null,"email":null,"phone":null,"providerCustomerId":null,"amount":null,"currency":null,"description":null,"invoiceNumber":null,"dueDate":null,"paymentMethodType":null,"note":null,"message":"Duplicate charge: call call_7f3a9c21d4. Caller was charged twice.","approvalRequestId":null,"messageKey":"alert:Duplicate-charge","links":[{"label":"Call status","url":"https://app.example/api/calls/call_7f3a9c21d4"},{"label":"Transcript (redacted)","url":"https://app.example/api/calls/call_7f3a9c21d4/transcript"}]},"mail":null},"attempt":2,"lastAttempt":false}
        """;

    /// <summary>The Slack post of an approval request (inside <c>RequestApprovalActivity</c>'s output, <c>ApprovalPosting.slack</c>).</summary>
    public const string ApprovalMessage = """
        {"callId":"call_7f3a9c21d4","key":"approval-request","purpose":"Approval request","channel":"Slack","slack":{"callId":"call_7f3a9c21d4","kind":"SlackApprovalRequest","dedupeKey":"call_7f3a9c21d4:SlackApprovalRequest","customerName":null,"email":null,"phone":null,"providerCustomerId":null,"amount":null,"currency":null,"description":null,"invoiceNumber":null,"dueDate":null,"paymentMethodType":null,"note":null,"message":"*Approval needed* Call call_7f3a9c21d4 asks for a refund.","approvalRequestId":"call_7f3a9c21d4:approval","messageKey":"approval-request","links":[{"label":"Review: Finance Lead","url":"https://app.example/api/approvals/tok1"},{"label":"Call status","url":"https://app.example/api/calls/call_7f3a9c21d4"}]},"mail":null}
        """;

    /// <summary>A <c>NotifyActivity</c> output: the list of alerts to deliver.</summary>
    public const string NotifyOutput = """
        [{"callId":"call_7f3a9c21d4","key":"alert:Duplicate-charge","purpose":"Duplicate charge","channel":"Slack","slack":{"callId":"call_7f3a9c21d4","kind":"SlackAlert","dedupeKey":"call_7f3a9c21d4:SlackAlert","customerName":null,"email":null,"phone":null,"providerCustomerId":null,"amount":null,"currency":null,"description":null,"invoiceNumber":null,"dueDate":null,"paymentMethodType":null,"note":null,"message":"Duplicate charge: call call_7f3a9c21d4. Caller was charged twice.","approvalRequestId":null,"messageKey":"alert:Duplicate-charge","links":[{"label":"Call status","url":"https://app.example/api/calls/call_7f3a9c21d4"},{"label":"Transcript (redacted)","url":"https://app.example/api/calls/call_7f3a9c21d4/transcript"}]},"mail":null}]
        """;
}

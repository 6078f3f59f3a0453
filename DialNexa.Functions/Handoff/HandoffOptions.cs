using DialNexa.Functions.Calls;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>The policy behind every plan (section <c>DialNexa:Handoff</c>).</summary>
public sealed class HandoffOptions
{
    public const string SectionName = "DialNexa:Handoff";

    /// <summary>Amounts at or above these need finance approval, per ISO currency (e.g. <c>DialNexa__Handoff__ApprovalThresholds__USD=100</c>). A currency without a threshold always needs approval.</summary>
    public Dictionary<string, decimal> ApprovalThresholds { get; init; } = new(StringComparer.OrdinalIgnoreCase) { ["USD"] = 100m, ["EUR"] = 100m, ["GBP"] = 100m, ["NGN"] = 150_000m };

    /// <summary>Caller emails or account numbers of high-value customers: their calls always go to approval.</summary>
    public List<string> VipCustomers { get; init; } = [];

    /// <summary>Actions that change money, access, legal terms or commitments: never written without approval.</summary>
    public List<ProviderActionKind> SensitiveActions { get; init; } =
    [
        ProviderActionKind.GustoCreateCompanyBankAccount,
        ProviderActionKind.GustoUpdateContractorPaymentMethod,
        ProviderActionKind.ProabonoUpdatePaymentSettings,
        ProviderActionKind.PaystackSendPaymentRequestNotification,
        ProviderActionKind.PlisioCreateInvoice,
    ];

    /// <summary>Workflows that always need approval (refunds, disputes).</summary>
    public List<HandoffWorkflow> ApprovalWorkflows { get; init; } = [HandoffWorkflow.Dispute, HandoffWorkflow.RefundRequest, HandoffWorkflow.PaymentMethodChange];

    /// <summary>Below this caller-match confidence a call goes to review, not to a write.</summary>
    public double MinimumMatchConfidence { get; init; } = 0.8;

    /// <summary>Below this workflow confidence a call goes to review.</summary>
    public double MinimumWorkflowConfidence { get; init; } = 0.6;

    /// <summary>How long to wait for finance approval before escalating to review.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long to wait for transcript or analysis events when the first delivery has neither.</summary>
    public TimeSpan DetailsWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Public base URL of this app, for links in notes, Slack and mail (see <see cref="PublicBaseUrl"/> for the default).</summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>How often the self-host checks calls whose inbox is still open (<c>DialNexa__Handoff__InboxSweepInterval</c>, default 5 minutes).</summary>
    public TimeSpan InboxSweepInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The default <see cref="MessageRetry"/>: 30 s, doubling to 30 min, for a day.</summary>
    public static RetrySchedule DefaultMessageRetry { get; } = new() { FirstDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromMinutes(30), GiveUpAfter = TimeSpan.FromDays(1) };

    /// <summary>The default <see cref="WriteRetry"/>: 15 s, doubling to 10 min, for an hour.</summary>
    public static RetrySchedule DefaultWriteRetry { get; } = new() { FirstDelay = TimeSpan.FromSeconds(15), MaxDelay = TimeSpan.FromMinutes(10), GiveUpAfter = TimeSpan.FromHours(1) };

    /// <summary>
    /// How a Slack post or approval mail that was refused or failed is tried again
    /// (<c>DialNexa__Handoff__MessageRetry__FirstDelay</c>, <c>__MaxDelay</c>, <c>__GiveUpAfter</c>); past that it is
    /// marked failed, logged as an error and the call goes to review.
    /// </summary>
    public RetrySchedule MessageRetry { get; init; } = DefaultMessageRetry;

    /// <summary>
    /// How a provider action that ended Transient or InDoubt is run again (<c>DialNexa__Handoff__WriteRetry__…</c>); each
    /// run looks before it writes. Past <c>GiveUpAfter</c> the call goes to review with the action's last result.
    /// </summary>
    public RetrySchedule WriteRetry { get; init; } = DefaultWriteRetry;

    /// <summary>The schedules a new call's handoff runs with.</summary>
    public RetrySchedules Retries() => new(MessageRetry, WriteRetry);

    /// <summary>Which actions each workflow plans; override per workflow with <c>DialNexa__Handoff__Routes__Dispute__0=...</c>.</summary>
    public Dictionary<HandoffWorkflow, List<ProviderActionKind>> Routes { get; init; } = new()
    {
        [HandoffWorkflow.Dispute] = [ProviderActionKind.PaystackCreateCustomer],
        [HandoffWorkflow.InvoiceResend] = [ProviderActionKind.PaystackSendPaymentRequestNotification],
        [HandoffWorkflow.Collections] = [ProviderActionKind.PaystackSendPaymentRequestNotification, ProviderActionKind.PlisioCreateInvoice],
        [HandoffWorkflow.RenewalFailure] = [ProviderActionKind.ProabonoUpdatePaymentSettings],
        [HandoffWorkflow.RefundRequest] = [ProviderActionKind.PaystackCreateCustomer],
        [HandoffWorkflow.TaxOrBillingAddressCorrection] = [ProviderActionKind.ProabonoCreateCustomer, ProviderActionKind.AltovizCreateContact],
        [HandoffWorkflow.ReceiptToVerifiedEmail] = [ProviderActionKind.AltovizFindContactByEmail, ProviderActionKind.PlisioFindInvoiceByEmail],
        [HandoffWorkflow.PaymentMethodChange] = [ProviderActionKind.GustoUpdateContractorPaymentMethod],
        [HandoffWorkflow.VipPaymentBlocker] = [],
        [HandoffWorkflow.Other] = [],
    };
}

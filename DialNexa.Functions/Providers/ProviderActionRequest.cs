namespace DialNexa.Functions.Providers;

/// <summary>
/// One provider action planned for a call. Holds no card, bank or tax numbers: those never leave the redaction step.
/// Fields an action does not use stay null; an action missing a field it needs answers <see cref="ProviderActionOutcome.Invalid"/>
/// naming that field.
/// </summary>
public sealed record ProviderActionRequest
{
    /// <summary>The DialNexa call ID; with <see cref="Kind"/> it forms the dedupe key.</summary>
    public required string CallId { get; init; }

    public required ProviderActionKind Kind { get; init; }

    /// <summary>Stable per call and action (for example "call_123:PlisioCreateInvoice"); providers derive their own keys from it.</summary>
    public string DedupeKey => $"{CallId}:{Kind}";

    public string? CustomerName { get; init; }

    public string? Email { get; init; }

    /// <summary>E.164, with the leading '+'.</summary>
    public string? Phone { get; init; }

    /// <summary>The provider's own ID for the customer, contractor, company or contact, when matched.</summary>
    public string? ProviderCustomerId { get; init; }

    public decimal? Amount { get; init; }

    /// <summary>ISO 4217 code.</summary>
    public string? Currency { get; init; }

    public string? Description { get; init; }

    public string? InvoiceNumber { get; init; }

    public DateOnly? DueDate { get; init; }

    /// <summary>The payment method the caller asked for, in the provider's vocabulary (Gusto "Check", Proabono "Transfer", ...).</summary>
    public string? PaymentMethodType { get; init; }

    /// <summary>Short operational note with links (transcript, recording, call ID); never sensitive values.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// The note again, as the call's status has always shown it beside the request (<c>plannedActions[].request.message</c>);
    /// no provider sends it. Slack messages are <c>Notifications.Slack.SlackMessage</c>, not provider actions.
    /// </summary>
    public string? Message { get; init; }

    /// <summary>Named links (label, absolute URL) for the note: transcript, recording, status page.</summary>
    public IReadOnlyList<ProviderLink> Links { get; init; } = [];
}

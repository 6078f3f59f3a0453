using System.Text.Json.Serialization;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// One request finance is asked to approve, as it will be sent: the provider, the operation in words, the record it
/// touches, the request line, and every field with its current value and the value it sends (contact details masked).
/// When <see cref="Method"/> is null nothing will be sent, and <see cref="Note"/> says why.
/// </summary>
public sealed record ApprovalWrite
{
    public required ProviderName Provider { get; init; }

    public required ProviderActionKind Kind { get; init; }

    public required ProviderMode Mode { get; init; }

    public required string Operation { get; init; }

    /// <summary>The record in words ("customer CUS_x", "a new customer (d***@example.com)").</summary>
    public string? Record { get; init; }

    public string? Method { get; init; }

    /// <summary>The request's URL, credentials masked.</summary>
    public string? Url { get; init; }

    public IReadOnlyList<ApprovalField> Fields { get; init; } = [];

    public ProviderCurrentValues Current { get; init; } = ProviderCurrentValues.NotRead;

    public string? Note { get; init; }

    [JsonIgnore]
    public bool Sends => Method is not null;

    /// <summary>A company bank account whose numbers finance types on the approval page.</summary>
    [JsonIgnore]
    public bool NeedsBankAccountEntry => Kind == ProviderActionKind.GustoCreateCompanyBankAccount && Sends;
}

namespace DialNexa.Functions.Approvals;

/// <summary>
/// One field of a request finance approves: its path in the request (<c>first_name</c>, <c>?order_number</c>), a label
/// in words, the value the provider holds now and the value written, both as the approver reads them, and
/// <see cref="Sent"/>, the value exactly as sent (contact details masked), so the page can be checked against the
/// request the call records.
/// </summary>
public sealed record ApprovalField(string Path, string Label, string Current, string New, string Sent);

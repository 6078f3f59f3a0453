using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Approvals;

/// <summary>Checks the approval settings at start; every message names the setting to fix.</summary>
internal sealed class ApprovalsOptionsValidator : IValidateOptions<ApprovalsOptions>
{
    public const int MinimumKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, ApprovalsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, index) in ApprovalKeyRing.Split(options.SigningKeys).Select((k, i) => (k, i)))
        {
            if (key.Length < MinimumKeyLength)
            {
                failures.Add($"DialNexa__Approvals__SigningKeys: key {index + 1} is {key.Length} characters; each key needs at least {MinimumKeyLength} (for example 32 random bytes as hex).");
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var slackUsers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Approvers.Count; i++)
        {
            var approver = options.Approvers[i];
            var email = approver.Email?.Trim() ?? "";
            if (!IsEmailAddress(email))
            {
                failures.Add($"DialNexa__Approvals__Approvers__{i}__Email must be the approver's email address.");
            }
            else if (!seen.Add(email))
            {
                failures.Add($"DialNexa__Approvals__Approvers__{i}__Email repeats {email}; each approver is listed once.");
            }

            if (approver.TimeZone is { Length: > 0 } zone && ApprovalText.Zone(zone) is null)
            {
                failures.Add($"DialNexa__Approvals__Approvers__{i}__TimeZone '{zone}' is not a known time zone; use an IANA name such as Europe/London or America/New_York.");
            }

            if (approver.SlackUserId is { Length: > 0 } slack && !slackUsers.Add(slack))
            {
                failures.Add($"DialNexa__Approvals__Approvers__{i}__SlackUserId repeats {slack}; a Slack member maps to one approver.");
            }
        }

        var approvers = options.EffectiveApprovers().Count;
        if (options.Quorum < 1 || options.Quorum > approvers)
        {
            failures.Add($"DialNexa__Approvals__Quorum must be between 1 and the number of approvers ({approvers}); it is {options.Quorum}.");
        }

        ValidateEmail(options.Email, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateEmail(ApprovalEmailOptions mail, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(mail.Host) && string.IsNullOrWhiteSpace(mail.From))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(mail.Host))
        {
            failures.Add("DialNexa__Approvals__Email__Host is empty while __From is set: name the SMTP server, or unset both.");
        }

        if (!IsEmailAddress(mail.From?.Trim() ?? ""))
        {
            failures.Add("DialNexa__Approvals__Email__From must be the sender's email address.");
        }

        if (mail.Port is < 1 or > 65535)
        {
            failures.Add($"DialNexa__Approvals__Email__Port is {mail.Port}; use 1 to 65535 (587 for submission with STARTTLS).");
        }
        else if (mail.Port == 465 && mail.EnableSsl)
        {
            failures.Add("DialNexa__Approvals__Email__Port is 465 (TLS from the first byte), which this mail client does not speak: use 587, where it starts TLS with STARTTLS.");
        }

        if (mail.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"DialNexa__Approvals__Email__TimeoutSeconds is {mail.TimeoutSeconds}; use 1 to 300.");
        }
    }

    private static bool IsEmailAddress(string email) =>
        email.Length is > 0 and <= 254 && email.IndexOf('@', StringComparison.Ordinal) > 0 && !email.EndsWith('@') && !email.Any(char.IsWhiteSpace) && !email.Any(char.IsControl);
}

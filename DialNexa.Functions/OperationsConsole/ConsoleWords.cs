using DialNexa.Functions.Handoff;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>Stages, outcomes and amounts in the words the console uses.</summary>
internal static class ConsoleWords
{
    public static string Stage(HandoffStage stage) => stage switch
    {
        HandoffStage.Received => "Received",
        HandoffStage.Redacting => "Being redacted",
        HandoffStage.WaitingForDetails => "Waiting for the transcript",
        HandoffStage.Extracting => "Being read",
        HandoffStage.Matching => "Matching the caller",
        HandoffStage.Planning => "Planning",
        HandoffStage.InReview => "In review",
        HandoffStage.AwaitingApproval => "Awaiting approval",
        HandoffStage.Writing => "Writing",
        HandoffStage.Summarizing or HandoffStage.Notifying => "Finishing",
        HandoffStage.Completed => "Completed",
        HandoffStage.NoAction => "Nothing to do",
        _ => stage.ToString(),
    };

    public static string Outcome(ProviderActionOutcome? outcome) => outcome switch
    {
        null => "planned",
        ProviderActionOutcome.Written => "written",
        ProviderActionOutcome.AlreadyDone => "already done",
        ProviderActionOutcome.Found => "found",
        ProviderActionOutcome.DryRun => "dry run",
        ProviderActionOutcome.NotFound => "not found",
        ProviderActionOutcome.Conflict => "conflict",
        ProviderActionOutcome.Invalid => "refused as invalid",
        ProviderActionOutcome.NotConfigured => "not configured",
        ProviderActionOutcome.InDoubt => "in doubt",
        _ => "failed for now",
    };

    /// <summary>A Slack post's outcome in the words a provider action's has ("written", "dry run", …).</summary>
    public static string Outcome(SlackPostOutcome outcome) => outcome switch
    {
        SlackPostOutcome.Posted => "written",
        SlackPostOutcome.AlreadyPosted => "already done",
        SlackPostOutcome.DryRun => "dry run",
        SlackPostOutcome.Refused => "refused as invalid",
        SlackPostOutcome.NotConfigured => "not configured",
        _ => "failed for now",
    };

    public static string Action(ListedAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return $"{action.Provider} {Short(action.Kind)}: {Outcome(action.Outcome)}";
    }

    /// <summary>An approver as lists show them: "Ana (a***@finance.example)", or the masked email alone when the name is the email.</summary>
    public static string Approver(string name, string email) =>
        string.IsNullOrWhiteSpace(name) || name.Contains('@', StringComparison.Ordinal)
            ? Approvals.ApprovalMasking.Email(email)
            : $"{name} ({Approvals.ApprovalMasking.Email(email)})";

    public static string Amount(decimal? amount, string? currency) =>
        amount is { } value ? Approvals.ApprovalText.Money(value, currency) : "";

    /// <summary>"create customer" for PaystackCreateCustomer: the kind without its provider, in lower case words.</summary>
    public static string Short(ProviderActionKind kind)
    {
        var name = kind.ToString();
        foreach (var provider in Enum.GetNames<ProviderName>())
        {
            if (name.StartsWith(provider, StringComparison.Ordinal))
            {
                name = name[provider.Length..];
                break;
            }
        }

        var words = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}

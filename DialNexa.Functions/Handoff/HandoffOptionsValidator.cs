using DialNexa.Functions.Providers;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>Checks the handoff policy at start; every message names the setting to fix, as it is set (<c>DialNexa__Handoff__...</c>).</summary>
internal sealed class HandoffOptionsValidator : IValidateOptions<HandoffOptions>
{
    private const string Prefix = "DialNexa__Handoff__";

    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (currency, threshold) in options.ApprovalThresholds)
        {
            if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
            {
                failures.Add($"{Prefix}ApprovalThresholds__{currency} is not an ISO 4217 currency code (three letters, such as USD).");
            }
            else if (threshold < 0)
            {
                failures.Add(FormattableString.Invariant($"{Prefix}ApprovalThresholds__{currency} is {threshold}; an approval threshold is an amount of zero or more (0 sends every amount to approval)."));
            }
        }

        Fraction(failures, "MinimumMatchConfidence", options.MinimumMatchConfidence);
        Fraction(failures, "MinimumWorkflowConfidence", options.MinimumWorkflowConfidence);
        Positive(failures, "ApprovalTimeout", options.ApprovalTimeout, "1.00:00:00 for a day");
        Positive(failures, "InboxSweepInterval", options.InboxSweepInterval, "00:05:00");
        if (options.DetailsWait < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}DetailsWait is {options.DetailsWait}; use zero or more (for example 00:02:00).");
        }

        if (options.PublicBaseUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
        {
            failures.Add($"{Prefix}PublicBaseUrl '{url}' is not an absolute http(s) URL (for example https://finance-handoff.example.com).");
        }

        foreach (var (workflow, kinds) in options.Routes)
        {
            // The plan would write an action listed twice twice.
            if (kinds.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key.ToString()).ToList() is { Count: > 0 } twice)
            {
                failures.Add($"{Prefix}Routes__{workflow} lists {string.Join(", ", twice)} more than once; list each action once.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Fraction(List<string> failures, string setting, double value)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            failures.Add(FormattableString.Invariant($"{Prefix}{setting} is {value}; use a fraction from 0 to 1 (0.8 means 80%)."));
        }
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{setting} is {value}; it must be positive (for example {example}).");
        }
    }
}

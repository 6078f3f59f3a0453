using DialNexa.Functions.Providers;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// A list of <see cref="HandoffOptions"/> set in configuration replaces its default instead of being appended to it
/// (the configuration binder appends to a list that already holds items), and a route listing an action twice stops
/// the app at start, naming the setting, since the plan would write that action twice.
/// </summary>
internal sealed class HandoffRoutesValidator : IValidateOptions<HandoffOptions>
{
    /// <summary>Empties every default list the section sets, before the section is bound over the defaults.</summary>
    public static void ClearConfiguredLists(HandoffOptions options, IConfigurationSection section)
    {
        if (section.GetSection(nameof(HandoffOptions.SensitiveActions)).GetChildren().Any())
        {
            options.SensitiveActions.Clear();
        }

        if (section.GetSection(nameof(HandoffOptions.ApprovalWorkflows)).GetChildren().Any())
        {
            options.ApprovalWorkflows.Clear();
        }

        if (section.GetSection(nameof(HandoffOptions.VipCustomers)).GetChildren().Any())
        {
            options.VipCustomers.Clear();
        }

        foreach (var route in section.GetSection(nameof(HandoffOptions.Routes)).GetChildren())
        {
            if (Enum.TryParse<HandoffWorkflow>(route.Key, ignoreCase: true, out var workflow) && options.Routes.TryGetValue(workflow, out var actions))
            {
                actions.Clear();
            }
        }
    }

    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        var failures = new List<string>();
        foreach (var (workflow, actions) in options.Routes)
        {
            var twice = actions.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key.ToString()).ToList();
            if (twice.Count > 0)
            {
                failures.Add($"DialNexa__Handoff__Routes__{workflow} lists {string.Join(", ", twice)} more than once; list each action once.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

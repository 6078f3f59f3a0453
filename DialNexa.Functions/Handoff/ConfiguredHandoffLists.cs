using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// A list of <see cref="HandoffOptions"/> set in configuration replaces its default instead of being appended to it:
/// the configuration binder appends to a list that already holds items, so a configured route would otherwise plan its
/// workflow's default actions as well (and write one of them twice).
/// </summary>
internal static class ConfiguredHandoffLists
{
    /// <summary>Empties every default list the section sets, before the section is bound over the defaults.</summary>
    public static void ClearDefaultsOf(HandoffOptions options, IConfigurationSection section)
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
}

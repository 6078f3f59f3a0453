using Microsoft.Extensions.Options;

namespace DialNexa.DurableTask.SelfHost;

/// <summary>Refuses settings the worker cannot run with, naming the setting to fix.</summary>
internal sealed class DurableTaskSelfHostOptionsValidator : IValidateOptions<DurableTaskSelfHostOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableTaskSelfHostOptions options)
    {
        var failures = new List<string>();
        if (options.MaxConcurrentOrchestratorFunctions is < 1)
        {
            failures.Add($"{DurableTaskSelfHostOptions.SectionName}:maxConcurrentOrchestratorFunctions must be at least 1 (it is {options.MaxConcurrentOrchestratorFunctions}).");
        }

        if (options.MaxConcurrentActivityFunctions is < 1)
        {
            failures.Add($"{DurableTaskSelfHostOptions.SectionName}:maxConcurrentActivityFunctions must be at least 1 (it is {options.MaxConcurrentActivityFunctions}).");
        }

        if (!Enum.IsDefined(options.OverridableExistingInstanceStates))
        {
            failures.Add($"{DurableTaskSelfHostOptions.SectionName}:overridableExistingInstanceStates must be NonRunningStates or AnyState.");
        }

        if (options.StatusPollingInterval <= TimeSpan.Zero)
        {
            failures.Add($"{DurableTaskSelfHostOptions.SectionName}:statusPollingInterval must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

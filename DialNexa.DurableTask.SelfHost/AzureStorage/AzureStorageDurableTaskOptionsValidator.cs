using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace DialNexa.DurableTask.SelfHost.AzureStorage;

/// <summary>
/// Refuses Azure Storage settings DurableTask.AzureStorage or Azure Storage would refuse later, with messages naming
/// the setting (Durable Functions' own limits: hub name, partitions, batch sizes, visibility timeouts).
/// </summary>
internal sealed class AzureStorageDurableTaskOptionsValidator : IValidateOptions<AzureStorageDurableTaskOptions>
{
    private const string Section = DurableTaskSelfHostOptions.SectionName;
    private const string Provider = $"{Section}:storageProvider";
    private static readonly ConditionalWeakTable<AzureStorageDurableTaskOptions, List<string>> ParseErrors = [];

    public static void SetParseErrors(AzureStorageDurableTaskOptions options, List<string> errors) => ParseErrors.AddOrUpdate(options, errors);

    public ValidateOptionsResult Validate(string? name, AzureStorageDurableTaskOptions options)
    {
        var failures = ParseErrors.TryGetValue(options, out var parse) ? new List<string>(parse) : [];
        if (HubNameProblem(options.HubName) is { } hubProblem)
        {
            failures.Add(hubProblem);
        }

        if (options.Connection is null)
        {
            failures.Add("AzureWebJobsStorage is not set: give a connection string (UseDevelopmentStorage=true for Azurite) or AzureWebJobsStorage__accountName (or __blobServiceUri, __queueServiceUri and __tableServiceUri) for Entra ID.");
        }
        else if (options.Connection.UsesIdentity && options.Connection.AccountName is null
            && (options.Connection.BlobServiceUri is null || options.Connection.QueueServiceUri is null || options.Connection.TableServiceUri is null))
        {
            failures.Add("AzureWebJobsStorage__blobServiceUri, __queueServiceUri and __tableServiceUri must all be set when AzureWebJobsStorage__accountName is not (DurableTask.AzureStorage uses blobs, queues and tables).");
        }

        Range(failures, $"{Section}:maxConcurrentOrchestratorFunctions", options.MaxConcurrentOrchestratorFunctions, 1, int.MaxValue);
        Range(failures, $"{Section}:maxConcurrentActivityFunctions", options.MaxConcurrentActivityFunctions, 1, int.MaxValue);
        Range(failures, $"{Section}:extendedSessionIdleTimeoutInSeconds", options.ExtendedSessionIdleTimeoutInSeconds, 0, int.MaxValue);
        Range(failures, $"{Provider}:partitionCount", options.PartitionCount, 1, 16);
        Range(failures, $"{Provider}:controlQueueBatchSize", options.ControlQueueBatchSize, 1, 32);
        Range(failures, $"{Provider}:controlQueueBufferThreshold", options.ControlQueueBufferThreshold, 1, 1000);
        if (options.ControlQueueVisibilityTimeout < TimeSpan.FromMinutes(1) || options.ControlQueueVisibilityTimeout > TimeSpan.FromMinutes(60))
        {
            failures.Add($"{Provider}:controlQueueVisibilityTimeout must be between 00:01:00 and 01:00:00 (it is {options.ControlQueueVisibilityTimeout}).");
        }

        Positive(failures, $"{Provider}:workItemQueueVisibilityTimeout", options.WorkItemQueueVisibilityTimeout);
        Positive(failures, $"{Provider}:maxQueuePollingInterval", options.MaxQueuePollingInterval);
        if (!options.UseTablePartitionManagement && (options.LeaseInterval < TimeSpan.FromSeconds(15) || options.LeaseInterval > TimeSpan.FromSeconds(60)))
        {
            // Blob leases, which hold the partitions unless useTablePartitionManagement is on, last 15 to 60 seconds.
            failures.Add($"{Provider}:leaseInterval must be between 00:00:15 and 00:01:00 for blob-lease partition management (it is {options.LeaseInterval}).");
        }
        else
        {
            Positive(failures, $"{Provider}:leaseInterval", options.LeaseInterval);
        }

        if (options.UseTablePartitionManagement && options.UseLegacyPartitionManagement)
        {
            failures.Add($"{Provider}:useTablePartitionManagement and {Provider}:useLegacyPartitionManagement cannot both be true.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Azure Storage names queues, tables and blob containers after the hub, so it must be 3-50 letters and digits and
    /// start with a letter.
    /// </summary>
    internal static string? HubNameProblem(string? hubName)
    {
        if (string.IsNullOrEmpty(hubName)
            || hubName.Length is < 3 or > 50
            || !char.IsAsciiLetter(hubName[0])
            || !hubName.All(char.IsAsciiLetterOrDigit))
        {
            return $"{Section}:hubName '{hubName}' is not a valid Azure Storage task hub name: use 3 to 50 letters and digits, starting with a letter.";
        }

        return null;
    }

    private static void Range(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(max == int.MaxValue
                ? $"{setting} must be at least {min} (it is {value})."
                : $"{setting} must be between {min} and {max} (it is {value}).");
        }
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{setting} must be a positive time span (it is {value}).");
        }
    }
}

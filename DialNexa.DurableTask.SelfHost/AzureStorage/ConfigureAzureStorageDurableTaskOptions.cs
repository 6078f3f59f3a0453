using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DialNexa.DurableTask.SelfHost.AzureStorage;

/// <summary>
/// Reads <see cref="AzureStorageDurableTaskOptions"/> from Functions-style configuration: <c>AzureWebJobsStorage</c>,
/// <c>extensions:durableTask</c> (host.json) and <c>AzureFunctionsJobHost:extensions:durableTask</c> (app-setting
/// overrides). A value that does not parse is kept as an error that <see cref="AzureStorageDurableTaskOptionsValidator"/>
/// reports at start, naming the setting.
/// </summary>
internal sealed class ConfigureAzureStorageDurableTaskOptions(IConfiguration configuration) : IConfigureOptions<AzureStorageDurableTaskOptions>
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    private static readonly string[] Sections = [DurableTaskSelfHostOptions.SectionName, $"AzureFunctionsJobHost:{DurableTaskSelfHostOptions.SectionName}"];

    public void Configure(AzureStorageDurableTaskOptions options)
    {
        var errors = new List<string>();
        options.Connection = ReadConnection(configuration, errors);
        foreach (var sectionName in Sections)
        {
            var section = configuration.GetSection(sectionName);
            var provider = section.GetSection("storageProvider");
            Read(section, "hubName", value => options.HubName = value);
            ReadInt(section, "maxConcurrentOrchestratorFunctions", sectionName, errors, value => options.MaxConcurrentOrchestratorFunctions = value);
            ReadInt(section, "maxConcurrentActivityFunctions", sectionName, errors, value => options.MaxConcurrentActivityFunctions = value);
            ReadBool(section, "extendedSessionsEnabled", sectionName, errors, value => options.ExtendedSessionsEnabled = value);
            ReadInt(section, "extendedSessionIdleTimeoutInSeconds", sectionName, errors, value => options.ExtendedSessionIdleTimeoutInSeconds = value);

            var providerName = $"{sectionName}:storageProvider";
            ReadInt(provider, "partitionCount", providerName, errors, value => options.PartitionCount = value);
            ReadInt(provider, "controlQueueBatchSize", providerName, errors, value => options.ControlQueueBatchSize = value);
            ReadInt(provider, "controlQueueBufferThreshold", providerName, errors, value => options.ControlQueueBufferThreshold = value);
            ReadTimeSpan(provider, "controlQueueVisibilityTimeout", providerName, errors, value => options.ControlQueueVisibilityTimeout = value);
            ReadTimeSpan(provider, "workItemQueueVisibilityTimeout", providerName, errors, value => options.WorkItemQueueVisibilityTimeout = value);
            ReadTimeSpan(provider, "maxQueuePollingInterval", providerName, errors, value => options.MaxQueuePollingInterval = value);
            ReadTimeSpan(provider, "leaseInterval", providerName, errors, value => options.LeaseInterval = value);
            ReadBool(provider, "useTablePartitionManagement", providerName, errors, value => options.UseTablePartitionManagement = value);
            ReadBool(provider, "useLegacyPartitionManagement", providerName, errors, value => options.UseLegacyPartitionManagement = value);
            ReadBool(provider, "fetchLargeMessagesAutomatically", providerName, errors, value => options.FetchLargeMessagesAutomatically = value);
            ReadBool(provider, "allowReplayingTerminalInstances", providerName, errors, value => options.AllowReplayingTerminalInstances = value);
        }

        AzureStorageDurableTaskOptionsValidator.SetParseErrors(options, errors);
    }

    internal static AzureStorageConnection? ReadConnection(IConfiguration configuration, List<string> errors)
    {
        var connectionString = configuration[ConnectionSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new AzureStorageConnection { ConnectionString = connectionString.Trim() };
        }

        var section = configuration.GetSection(ConnectionSetting);
        var accountName = section["accountName"];
        var blob = ReadUri(section, "blobServiceUri", errors);
        var queue = ReadUri(section, "queueServiceUri", errors);
        var table = ReadUri(section, "tableServiceUri", errors);
        if (string.IsNullOrWhiteSpace(accountName) && blob is null && queue is null && table is null)
        {
            return null;
        }

        return new AzureStorageConnection
        {
            AccountName = string.IsNullOrWhiteSpace(accountName) ? null : accountName.Trim(),
            BlobServiceUri = blob,
            QueueServiceUri = queue,
            TableServiceUri = table,
            ClientId = string.IsNullOrWhiteSpace(section["clientId"]) ? null : section["clientId"],
        };
    }

    private static Uri? ReadUri(IConfigurationSection section, string key, List<string> errors)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        errors.Add($"{ConnectionSetting}__{key} must be an absolute http(s) URI (it is '{value}').");
        return null;
    }

    private static void Read(IConfigurationSection section, string key, Action<string> apply)
    {
        var value = section[key];
        if (value is not null)
        {
            apply(value.Trim());
        }
    }

    private static void ReadInt(IConfigurationSection section, string key, string sectionName, List<string> errors, Action<int> apply)
    {
        var value = section[key];
        if (value is null)
        {
            return;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            apply(parsed);
        }
        else
        {
            errors.Add($"{sectionName}:{key} must be a whole number (it is '{value}').");
        }
    }

    private static void ReadBool(IConfigurationSection section, string key, string sectionName, List<string> errors, Action<bool> apply)
    {
        var value = section[key];
        if (value is null)
        {
            return;
        }

        if (bool.TryParse(value, out var parsed))
        {
            apply(parsed);
        }
        else
        {
            errors.Add($"{sectionName}:{key} must be true or false (it is '{value}').");
        }
    }

    private static void ReadTimeSpan(IConfigurationSection section, string key, string sectionName, List<string> errors, Action<TimeSpan> apply)
    {
        var value = section[key];
        if (value is null)
        {
            return;
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed))
        {
            apply(parsed);
        }
        else
        {
            errors.Add($"{sectionName}:{key} must be a time span such as 00:00:30 (it is '{value}').");
        }
    }
}

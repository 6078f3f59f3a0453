namespace DialNexa.DurableTask.Sqlite.Tests;

public sealed class SettingsTests
{
    private static readonly SqliteOrchestrationServiceSettings Valid = new() { DataDirectory = "/tmp/x" };

    public static TheoryData<SqliteOrchestrationServiceSettings, string> BadSettings() => new()
    {
        { new SqliteOrchestrationServiceSettings(), nameof(SqliteOrchestrationServiceSettings.DataDirectory) },
        { Valid with { DatabasePath = "/tmp/x.db" }, nameof(SqliteOrchestrationServiceSettings.DataDirectory) },
        { Valid with { TaskHubName = "9 lives" }, nameof(SqliteOrchestrationServiceSettings.TaskHubName) },
        { Valid with { Synchronous = (SqliteSynchronousMode)7 }, nameof(SqliteOrchestrationServiceSettings.Synchronous) },
        { Valid with { MaxConcurrentOrchestrationWorkItems = 0 }, nameof(SqliteOrchestrationServiceSettings.MaxConcurrentOrchestrationWorkItems) },
        { Valid with { MaxConcurrentActivityWorkItems = -1 }, nameof(SqliteOrchestrationServiceSettings.MaxConcurrentActivityWorkItems) },
        { Valid with { MaxDequeueCount = 0 }, nameof(SqliteOrchestrationServiceSettings.MaxDequeueCount) },
        { Valid with { InstanceCacheSize = -5 }, nameof(SqliteOrchestrationServiceSettings.InstanceCacheSize) },
        { Valid with { ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(-1) }, nameof(SqliteOrchestrationServiceSettings.ExtendedSessionIdleTimeout) },
        { Valid with { MaxWritesPerCommit = 0 }, nameof(SqliteOrchestrationServiceSettings.MaxWritesPerCommit) },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validate_BadSetting_ThrowsNamingIt(SqliteOrchestrationServiceSettings settings, string setting)
    {
        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Equal(setting, error.ParamName);
        Assert.Contains($"SqliteOrchestrationServiceSettings.{setting}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadSettings_ThrowsBeforeTouchingTheDisk()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dtsqlite-never-" + Guid.NewGuid().ToString("N"));

        Assert.Throws<ArgumentException>(() => new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DataDirectory = directory, TaskHubName = "" }));

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void ResolvedDatabasePath_DataDirectoryAndHub_IsOneFilePerHub()
    {
        var settings = Valid with { TaskHubName = "Calls" };

        Assert.Equal(Path.GetFullPath("/tmp/x/Calls.db"), settings.ResolvedDatabasePath);
    }
}

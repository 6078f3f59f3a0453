using Xunit;

namespace DialNexa.TestSupport;

/// <summary>
/// One Azurite for the test run, started from tools/node_modules on free loopback ports with in-memory persistence.
/// Nothing is skipped without it: when it cannot start, every test that needs it fails with the reason.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _process;

    public string ConnectionString => Process.ConnectionString;

    public AzuriteProcess Process => _process ?? throw new InvalidOperationException("Azurite has not been started.");

    public async Task InitializeAsync() => _process = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}

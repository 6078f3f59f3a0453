namespace DialNexa.Functions.AppData;

/// <summary>Creates the app data store's tables (or file) when the host starts, so the first webhook does not.</summary>
internal sealed class AppDataInitializer(IAppDataStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

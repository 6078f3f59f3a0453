namespace DialNexa.Functions.OperationsConsole;

/// <summary>Reads the console's call list once when the host starts, in the background, so the first page does not wait for it.</summary>
internal sealed class CallListWarmUp(CallList calls) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await calls.NewestFirstAsync(stoppingToken);
        }
        catch (Exception ex) when (AppData.StoreOutage.Is(ex) || ex is OperationCanceledException)
        {
            // The first page reads it instead.
        }
    }
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>Counts every HTTP request a store sends (retries included), so benchmarks report storage calls, not guesses.</summary>
internal sealed class StorageCallCounter : HttpPipelineSynchronousPolicy
{
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _calls);
}

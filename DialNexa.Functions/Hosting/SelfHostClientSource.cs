using DialNexa.Functions.Calls;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.Hosting;

/// <summary>The self-host's durable client: the one client over its orchestration service.</summary>
internal sealed class SelfHostClientSource(DurableTaskClient client) : IDurableClientSource
{
    public DurableTaskClient Client => client;
}

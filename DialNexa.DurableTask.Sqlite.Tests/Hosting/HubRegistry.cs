using DialNexa.DurableTask.Sqlite.KillHost;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace DialNexa.DurableTask.Sqlite.Tests.Hosting;

/// <summary>Orchestrations and activities written with Microsoft.DurableTask, turned into DurableTask.Core's by the shims.</summary>
internal sealed class HubRegistry
{
    private readonly DurableTaskShimFactory _shims = DurableTaskShimFactory.Default;

    public List<ObjectCreator<TaskOrchestration>> Orchestrations { get; } = [];

    public List<ObjectCreator<TaskActivity>> Activities { get; } = [];

    public HubRegistry Orchestration<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput?, Task<TOutput?>> implementation)
    {
        Orchestrations.Add(new NamedCreator<TaskOrchestration>(name, () => _shims.CreateOrchestration(new TaskName(name), implementation)));
        return this;
    }

    public HubRegistry Activity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput?, Task<TOutput?>> implementation)
    {
        Activities.Add(new NamedCreator<TaskActivity>(name, () => _shims.CreateActivity(new TaskName(name), implementation)));
        return this;
    }

    /// <summary>An orchestration written directly against DurableTask.Core.</summary>
    public HubRegistry CoreOrchestration(string name, Func<TaskOrchestration> create)
    {
        Orchestrations.Add(new NamedCreator<TaskOrchestration>(name, create));
        return this;
    }
}

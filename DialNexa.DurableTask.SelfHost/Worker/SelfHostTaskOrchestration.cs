using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace DialNexa.DurableTask.SelfHost.Worker;

/// <summary>
/// The orchestration DurableTask.Core's dispatcher runs for one registered Microsoft.DurableTask orchestrator. The
/// object manager that creates it does not know the instance's parent, so the orchestrator and its
/// <see cref="DurableTaskShimFactory"/> shim are created on first use, after <see cref="ParentInstanceMiddleware"/> has
/// set <see cref="Parent"/> from the instance's ExecutionStarted event.
/// </summary>
internal sealed class SelfHostTaskOrchestration(
    TaskName name,
    Func<IServiceProvider, ITaskOrchestrator> factory,
    IServiceProvider services,
    DurableTaskShimFactory shimFactory) : TaskOrchestration
{
    private TaskOrchestration? _shim;

    /// <summary>The parent orchestration when this instance is a sub-orchestration.</summary>
    public ParentOrchestrationInstance? Parent { get; set; }

    public override Task<string> Execute(OrchestrationContext context, string input) => Shim.Execute(context, input);

    public override string GetStatus() => _shim?.GetStatus()!;

    public override void RaiseEvent(OrchestrationContext context, string name, string input) => Shim.RaiseEvent(context, name, input);

    private TaskOrchestration Shim => _shim ??= shimFactory.CreateOrchestration(name, factory(services), Parent);
}

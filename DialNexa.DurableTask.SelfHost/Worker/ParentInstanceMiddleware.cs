using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;

namespace DialNexa.DurableTask.SelfHost.Worker;

/// <summary>
/// Orchestration dispatch middleware that tells a sub-orchestration who its parent is. DurableTask.Core puts the
/// instance's <see cref="OrchestrationRuntimeState"/> (whose ExecutionStarted event carries the parent) and the
/// orchestration object into the <see cref="DispatchMiddlewareContext"/> before the orchestration runs, so the parent is
/// set before <see cref="SelfHostTaskOrchestration"/> creates its shim and <c>context.Parent</c> is read.
/// </summary>
internal static class ParentInstanceMiddleware
{
    public static Task InvokeAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        if (context.GetProperty<TaskOrchestration>() is SelfHostTaskOrchestration { Parent: null } orchestration
            && context.GetProperty<OrchestrationRuntimeState>()?.ParentInstance is { OrchestrationInstance.InstanceId: { } parentId } parent)
        {
            orchestration.Parent = new ParentOrchestrationInstance(new TaskName(parent.Name), parentId);
        }

        return next();
    }
}

using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.DurableTask.SelfHost.Worker;

/// <summary>
/// One execution of a registered Microsoft.DurableTask activity: a DI scope of its own, the activity resolved in it,
/// run through <see cref="DurableTaskShimFactory"/>'s shim, the scope disposed when the activity ends.
/// </summary>
internal sealed class ScopedTaskActivity(
    TaskName name,
    Func<IServiceProvider, ITaskActivity> factory,
    IServiceScopeFactory scopes,
    DurableTaskShimFactory shimFactory) : TaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("Activities run asynchronously through RunAsync.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        await using var scope = scopes.CreateAsyncScope();
        var activity = factory(scope.ServiceProvider);
        var shim = shimFactory.CreateActivity(name, activity);
        return await shim.RunAsync(context, input);
    }
}

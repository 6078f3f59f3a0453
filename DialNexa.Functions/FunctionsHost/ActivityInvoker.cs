using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DialNexa.Functions.FunctionsHost;

/// <summary>Runs one of the app's activity classes (the same class the self-host runs) for an <c>[ActivityTrigger]</c> function.</summary>
internal static class ActivityInvoker
{
    public static async Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext function, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(function);
        var activity = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(function.InstanceServices);
        var instanceId = function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id as string ?? "" : "";
        return await activity.RunAsync(new FunctionActivityContext(function.FunctionDefinition.Name, instanceId), input);
    }
}

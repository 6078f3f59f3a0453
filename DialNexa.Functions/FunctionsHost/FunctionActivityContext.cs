using Microsoft.DurableTask;

namespace DialNexa.Functions.FunctionsHost;

/// <summary>What an activity class is told of its run when the Functions host triggers it: its name and its orchestration's instance ID.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name => name;

    public override string InstanceId => instanceId;
}

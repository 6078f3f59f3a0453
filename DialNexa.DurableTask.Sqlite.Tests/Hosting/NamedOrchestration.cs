using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Tests.Hosting;

/// <summary>Registers an orchestration with the worker under a name (version "") through a factory.</summary>
internal sealed class NamedOrchestration : ObjectCreator<TaskOrchestration>
{
    private readonly Func<TaskOrchestration> _create;

    public NamedOrchestration(string name, Func<TaskOrchestration> create)
    {
        Name = name;
        Version = "";
        _create = create;
    }

    public override TaskOrchestration Create() => _create();
}

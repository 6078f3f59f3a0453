using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Tests.Hosting;

/// <summary>Registers an activity with the worker under a name (version "") through a factory.</summary>
internal sealed class NamedActivity : ObjectCreator<TaskActivity>
{
    private readonly Func<TaskActivity> _create;

    public NamedActivity(string name, Func<TaskActivity> create)
    {
        Name = name;
        Version = "";
        _create = create;
    }

    public override TaskActivity Create() => _create();
}

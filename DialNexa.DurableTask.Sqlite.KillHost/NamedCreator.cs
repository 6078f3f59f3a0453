using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.KillHost;

/// <summary>Registers an orchestration or activity with the worker under a name (version "") through a factory.</summary>
internal sealed class NamedCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public NamedCreator(string name, Func<T> create)
    {
        Name = name;
        Version = "";
        _create = create;
    }

    public override T Create() => _create();
}

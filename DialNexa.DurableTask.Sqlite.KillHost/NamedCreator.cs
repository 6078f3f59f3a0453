using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.KillHost;

/// <summary>Registers an orchestration or activity with the worker under a name (version "") through a factory (the provider tests use it too).</summary>
public sealed class NamedCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    /// <param name="name">The name it is scheduled by.</param>
    /// <param name="create">Makes an instance for each work item.</param>
    public NamedCreator(string name, Func<T> create)
    {
        Name = name;
        Version = "";
        _create = create;
    }

    /// <inheritdoc/>
    public override T Create() => _create();
}

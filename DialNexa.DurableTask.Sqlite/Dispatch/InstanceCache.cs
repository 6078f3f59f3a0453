namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>Least-recently-used instances' committed histories, up to a capacity. Not thread-safe: used under the service's gate.</summary>
internal sealed class InstanceCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string InstanceId, CachedInstance Instance)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string InstanceId, CachedInstance Instance)> _order = new();

    public int Count => _entries.Count;

    public CachedInstance? Get(string instanceId)
    {
        if (!_entries.TryGetValue(instanceId, out var node))
        {
            return null;
        }

        _order.Remove(node);
        _order.AddFirst(node);
        return node.Value.Instance;
    }

    public void Put(string instanceId, CachedInstance instance)
    {
        if (capacity == 0)
        {
            return;
        }

        if (_entries.TryGetValue(instanceId, out var node))
        {
            node.Value = (instanceId, instance);
            _order.Remove(node);
            _order.AddFirst(node);
            return;
        }

        _entries[instanceId] = _order.AddFirst((instanceId, instance));
        while (_entries.Count > capacity && _order.Last is { } oldest)
        {
            _order.RemoveLast();
            _entries.Remove(oldest.Value.InstanceId);
        }
    }

    public void Remove(string instanceId)
    {
        if (_entries.Remove(instanceId, out var node))
        {
            _order.Remove(node);
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _order.Clear();
    }
}

namespace DialNexa.Durable.Execution;

/// <summary>
/// Sessions of instances waiting between episodes, least recently used evicted first. A session is taken out while
/// its instance is processed, so no two workers ever share one.
/// </summary>
internal sealed class SessionCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<OrchestrationSession>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<OrchestrationSession> _order = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public OrchestrationSession? Take(string instanceId)
    {
        lock (_gate)
        {
            if (!_byId.Remove(instanceId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            return node.Value;
        }
    }

    public void Put(OrchestrationSession session)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_byId.Remove(session.InstanceId, out var old))
            {
                _order.Remove(old);
            }

            _byId[session.InstanceId] = _order.AddFirst(session);
            while (_byId.Count > capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _byId.Remove(last.Value.InstanceId);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _order.Clear();
        }
    }
}

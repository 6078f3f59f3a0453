namespace DialNexa.Durable;

/// <summary>The orchestrators and activities a worker can run, registered by type and named after the type.</summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Type> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, Type> Orchestrators => _orchestrators;

    public IReadOnlyDictionary<string, Type> Activities => _activities;

    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator => AddOrchestrator(typeof(TOrchestrator));

    public DurableTaskRegistry AddOrchestrator(Type orchestratorType)
    {
        ArgumentNullException.ThrowIfNull(orchestratorType);
        Add(_orchestrators, orchestratorType, typeof(ITaskOrchestrator), "orchestrator");
        return this;
    }

    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity => AddActivity(typeof(TActivity));

    public DurableTaskRegistry AddActivity(Type activityType)
    {
        ArgumentNullException.ThrowIfNull(activityType);
        Add(_activities, activityType, typeof(ITaskActivity), "activity");
        return this;
    }

    /// <summary>The name a type is registered and called under: the type's name.</summary>
    public static string NameOf<T>() => typeof(T).Name;

    private static void Add(Dictionary<string, Type> map, Type type, Type contract, string kind)
    {
        if (!contract.IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.FullName} is not a concrete {kind} ({contract.Name}).", nameof(type));
        }

        if (map.TryGetValue(type.Name, out var existing) && existing != type)
        {
            throw new ArgumentException($"Two {kind}s are named '{type.Name}': {existing.FullName} and {type.FullName}.", nameof(type));
        }

        map[type.Name] = type;
    }
}

using DurableTask.Core;

namespace DialNexa.DurableTask.SelfHost.Worker;

/// <summary>
/// Hands DurableTask.Core's dispatchers a fresh object per work item for each name registered in a
/// <see cref="Microsoft.DurableTask.DurableTaskRegistry"/>. Names match case-insensitively, as Microsoft.DurableTask's
/// <see cref="Microsoft.DurableTask.TaskName"/> does; the version is not used to choose.
/// </summary>
internal sealed class RegistryObjectManager<T>(IReadOnlyDictionary<string, Func<T>> creators) : INameVersionObjectManager<T>
    where T : class
{
    private readonly Dictionary<string, Func<T>> _creators = new(creators, StringComparer.OrdinalIgnoreCase);

    public void Add(ObjectCreator<T> creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if (!_creators.TryAdd(creator.Name, creator.Create))
        {
            throw new InvalidOperationException($"'{creator.Name}' is already registered.");
        }
    }

    public T? GetObject(string name, string? version) =>
        name is not null && _creators.TryGetValue(name, out var create) ? create() : null;
}

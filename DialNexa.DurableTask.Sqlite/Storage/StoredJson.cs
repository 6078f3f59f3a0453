using System.Globalization;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.History;
using Newtonsoft.Json;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// How the store writes DurableTask.Core's objects: Newtonsoft.Json over their data contracts (the format the runtime's
/// own providers use), with each history event's concrete type named by its short class name only, and no other type
/// names accepted when reading (a stored file never chooses which .NET type gets created).
/// </summary>
internal static class StoredJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.Auto,
        SerializationBinder = new HistoryEventBinder(),
        DateParseHandling = DateParseHandling.None,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        NullValueHandling = NullValueHandling.Ignore,
        Formatting = Formatting.None,
    });

    public static string Serialize<T>(T value) => Serialize(value, typeof(T));

    public static string SerializeEvents(IReadOnlyList<HistoryEvent> events)
    {
        var list = events as List<HistoryEvent> ?? [.. events];
        return Serialize(list, typeof(List<HistoryEvent>));
    }

    public static T Deserialize<T>(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return Serializer.Deserialize<T>(reader) ?? throw new InvalidDataException($"The SQLite orchestration store holds an empty {typeof(T).Name}.");
    }

    public static List<HistoryEvent> DeserializeEvents(string json) => Deserialize<List<HistoryEvent>>(json);

    /// <summary>Most values are a few kilobytes; a builder grown past this is not kept for the next one.</summary>
    private const int KeptBuilderCapacity = 64 * 1024;

    /// <summary>One builder per thread, reused: a new one per value grew chunk by chunk and was thrown away at once.</summary>
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static string Serialize(object? value, Type declaredType)
    {
        var builder = t_builder ?? new StringBuilder(4096);
        t_builder = null;
        try
        {
            using (var writer = new JsonTextWriter(new StringWriter(builder, CultureInfo.InvariantCulture)))
            {
                Serializer.Serialize(writer, value, declaredType);
            }

            return builder.ToString();
        }
        finally
        {
            if (builder.Capacity <= KeptBuilderCapacity)
            {
                t_builder = builder.Clear();
            }
        }
    }

    /// <summary>Short names for history events; other type names only for plain collections of DurableTask.Core's own data.</summary>
    private sealed class HistoryEventBinder : Newtonsoft.Json.Serialization.ISerializationBinder
    {
        private static readonly Dictionary<string, Type> EventTypes = typeof(HistoryEvent).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(HistoryEvent)) && !t.IsAbstract)
            .ToDictionary(t => t.Name, StringComparer.Ordinal);

        private static readonly Newtonsoft.Json.Serialization.DefaultSerializationBinder Fallback = new();

        public Type BindToType(string? assemblyName, string typeName)
        {
            if (assemblyName is null && EventTypes.TryGetValue(typeName, out var eventType))
            {
                return eventType;
            }

            var type = Fallback.BindToType(assemblyName, typeName);
            if (IsAllowed(type))
            {
                return type;
            }

            throw new JsonSerializationException($"The SQLite orchestration store does not read objects of type '{typeName}'.");
        }

        public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
        {
            if (serializedType.IsSubclassOf(typeof(HistoryEvent)) && EventTypes.ContainsKey(serializedType.Name))
            {
                assemblyName = null;
                typeName = serializedType.Name;
                return;
            }

            Fallback.BindToName(serializedType, out assemblyName, out typeName);
        }

        private static bool IsAllowed(Type type)
        {
            if (type.Assembly == typeof(TaskMessage).Assembly || type.IsPrimitive || type == typeof(string) || type == typeof(object))
            {
                return true;
            }

            return type.IsGenericType
                && type.Namespace == "System.Collections.Generic"
                && type.GetGenericArguments().All(IsAllowed);
        }
    }
}

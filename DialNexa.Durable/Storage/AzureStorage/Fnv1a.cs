using System.Text;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>FNV-1a over the UTF-8 instance ID: which control queue (partition) an instance belongs to, as DTFx does.</summary>
internal static class Fnv1a
{
    public static int Partition(string instanceId, int partitionCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)partitionCount);
    }
}

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// One host per store file: an exclusive OS lock on "&lt;file&gt;.lock", held while the store is open and released by the
/// OS when the process ends, however it ends (a killed host does not leave the file locked).
/// </summary>
internal sealed class HostFileLock : IDisposable
{
    private readonly FileStream _stream;

    private HostFileLock(FileStream stream) => _stream = stream;

    public static HostFileLock Acquire(string databasePath)
    {
        var path = databasePath + ".lock";
        try
        {
            return new HostFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new SqliteStoreInUseException(databasePath, ex);
        }
    }

    public void Dispose() => _stream.Dispose();
}

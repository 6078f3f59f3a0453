using System.Text;
using Microsoft.Data.Sqlite;

namespace DialNexa.Functions.Tests.Support;

/// <summary>
/// Reads every row of every table of every SQLite file under a data directory (the embedded hub and the app data),
/// straight from the files, so a test sees what is stored whatever the code that wrote it believes.
/// </summary>
internal static class StoredRows
{
    /// <summary>"table: key columns" of every row holding <paramref name="text"/> in any column (text or UTF-8 blob).</summary>
    public static IReadOnlyList<string> Mentioning(string dataDirectory, string text)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories).Where(IsDatabase))
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            foreach (var table in Tables(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var columns = Enumerable.Range(0, reader.FieldCount).Select(i => AsText(reader.GetValue(i))).ToList();
                    if (columns.Any(c => c.Contains(text, StringComparison.Ordinal)))
                    {
                        found.Add($"{table}: {string.Join(" | ", columns.Select(c => c.Length > 80 ? c[..80] : c))}");
                    }
                }
            }
        }

        return found;
    }

    private static bool IsDatabase(string path)
    {
        if (path.EndsWith("-wal", StringComparison.Ordinal) || path.EndsWith("-shm", StringComparison.Ordinal) || path.EndsWith(".lock", StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> header = stackalloc byte[16];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return stream.Read(header) == 16 && Encoding.ASCII.GetString(header) == "SQLite format 3\0";
    }

    private static List<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static string AsText(object value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        DBNull => "",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}

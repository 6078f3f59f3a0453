using System.Security.Cryptography;

namespace DialNexa.Functions.Settings;

/// <summary>
/// A secret generated once and kept in a file of the data directory, for settings left unset on a development machine
/// (each user of it warns at start and names the setting that replaces it). The file is created readable and writable
/// by the app's own user only, from its first byte.
/// </summary>
internal static class LocalSecretFile
{
    /// <summary>The secret in <paramref name="directory"/>/<paramref name="fileName"/>: 32 random bytes as hex, created when missing.</summary>
    public static string LoadOrCreate(string directory, string fileName)
    {
        OwnerOnlyFiles.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path))
        {
            OwnerOnlyFiles.Restrict(path);
            return File.ReadAllText(path).Trim();
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        try
        {
            using var stream = OwnerOnlyFiles.CreateNew(path);
            using var writer = new StreamWriter(stream);
            writer.Write(secret);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of this app created it first: use theirs.
            return File.ReadAllText(path).Trim();
        }

        return secret;
    }
}

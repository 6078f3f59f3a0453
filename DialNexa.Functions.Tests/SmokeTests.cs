using DialNexa.Functions.Hosting;

namespace DialNexa.Functions.Tests;

public sealed class LocalSettingsFileTests
{
    [Fact]
    public void ReadValues_DoubleUnderscoreNames_BecomeConfigurationSections()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{ "IsEncrypted": false, "Values": { "DialNexa__AdminKey": "k", "AzureWebJobsStorage": "embedded" } }""");
        try
        {
            var values = LocalSettingsFile.ReadValues(path);
            Assert.Equal("k", values["DialNexa:AdminKey"]);
            Assert.Equal("embedded", values["AzureWebJobsStorage"]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

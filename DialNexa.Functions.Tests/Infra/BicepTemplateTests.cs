using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace DialNexa.Functions.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled by the real Bicep compiler (its NuGet package), without warnings, and the template it gives
/// holds what the deployment promises: a Flex Consumption function app, storage by identity only, every secret a Key
/// Vault reference, the public base URL, the key-ring key and the approvers.
/// </summary>
public sealed class BicepTemplateTests
{
    private static readonly Lazy<(string Template, string Diagnostics)> Compiled = new(Compile);

    [Fact]
    public void MainBicep_CompilesWithoutWarnings()
    {
        Assert.True(Compiled.Value.Diagnostics.Length == 0, Compiled.Value.Diagnostics);
    }

    [Fact]
    public void Template_DeploysAFlexConsumptionFunctionAppThatReachesStorageByIdentityOnly()
    {
        var template = Compiled.Value.Template;
        Assert.Contains("\"FlexConsumption\"", template, StringComparison.Ordinal);
        Assert.Contains("\"functionapp,linux\"", template, StringComparison.Ordinal);
        Assert.Contains("\"dotnet-isolated\"", template, StringComparison.Ordinal);
        Assert.Contains("\"allowSharedKeyAccess\": false", template, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", template, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_SetsEverySecretSettingToAKeyVaultReference_AndTheLinksToTheAppsOwnHost()
    {
        var template = Compiled.Value.Template;
        foreach (var setting in new[]
        {
            "DialNexa__WebhookSecrets", "DialNexa__AdminKey", "DialNexa__Approvals__SigningKeys", "DialNexa__Erasure__DigestKeys", "Providers__Paystack__SecretKey",
            "Providers__Gusto__AccessToken", "Providers__Plisio__ApiKey", "Providers__Proabono__AgentKey", "Providers__Proabono__ApiKey",
            "Providers__Altoviz__ApiKey", "Providers__Slack__WebhookUrl", "Providers__Slack__SigningSecret",
        })
        {
            // In the compiled template each setting is a name, value pair of createObject(...).
            Assert.Matches(new System.Text.RegularExpressions.Regex($@"'{setting}', format\('\{{0\}}[a-z-]+\)', format\('@Microsoft\.KeyVault\(SecretUri="), template);
        }

        Assert.Contains("DialNexa__Handoff__PublicBaseUrl", template, StringComparison.Ordinal);
        Assert.Contains("defaultHostName", template, StringComparison.Ordinal);
        Assert.Contains("DialNexa__DataProtection__KeyVaultKeyUri", template, StringComparison.Ordinal);
        Assert.Contains("DialNexa__Approvals__Approvers__", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_HubName_IsLettersAndDigitsForAnyEnvironmentName()
    {
        using var document = JsonDocument.Parse(Compiled.Value.Template);
        var hubDefault = document.RootElement.GetProperty("parameters").GetProperty("hubName").GetProperty("defaultValue").GetString()!;
        Assert.Contains("replace(replace(parameters('environmentName'), '-', ''), '_', '')", hubDefault, StringComparison.Ordinal);
    }

    private static (string Template, string Diagnostics) Compile()
    {
        var compiler = typeof(BicepTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCompiler").Value!;
        var bicep = Path.Combine(RepositoryRoot(), "infra", "main.bicep");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(compiler, File.GetUnixFileMode(compiler) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(compiler) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(bicep);
        start.ArgumentList.Add("--stdout");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"bicep build failed: {errors}");
        return (output.Result, errors.Trim());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "infra", "main.bicep")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("infra/main.bicep was not found above the test output.");
    }
}

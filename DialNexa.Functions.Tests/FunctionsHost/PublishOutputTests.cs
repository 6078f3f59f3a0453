using System.Diagnostics;

namespace DialNexa.Functions.Tests.FunctionsHost;

/// <summary>What a deployment uploads: `dotnet publish` of the app holds what the Functions host needs beside the worker.</summary>
public sealed class PublishOutputTests
{
    [Fact]
    public async Task Publish_OutputHoldsHostJsonFunctionsMetadataAndTheAzureFunctionsFolder()
    {
        var project = Path.Combine(RepositoryRoot(), "DialNexa.Functions");
        var output = Path.Combine(Path.GetTempPath(), "dialnexa-publish-tests", Guid.NewGuid().ToString("N"));
        var configuration = typeof(PublishOutputTests).Assembly.Location.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", project, "-c", configuration, "--no-build", "-o", output, "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await log}{errors}");
        Assert.True(File.Exists(Path.Combine(output, "host.json")), "host.json is missing from the publish output.");
        Assert.True(File.Exists(Path.Combine(output, "functions.metadata")), "functions.metadata is missing from the publish output.");
        Assert.True(Directory.Exists(Path.Combine(output, ".azurefunctions")), ".azurefunctions is missing from the publish output.");
        Assert.Contains("\"hubName\"", File.ReadAllText(Path.Combine(output, "host.json")), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DialNexa.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DialNexa.sln was not found above the test output.");
    }
}

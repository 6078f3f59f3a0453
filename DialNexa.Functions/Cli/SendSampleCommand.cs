using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Webhooks;

namespace DialNexa.Functions.Cli;

/// <summary>
/// <c>send-sample [file] [--url URL]</c>: signs a DialNexa webhook body with the configured secret (or the local one
/// the app generated) and posts it to a running app, then prints the call's status URL. A relative file is read from the
/// working directory, like any command-line path; with no file, the repository's dispute sample is posted.
/// </summary>
internal sealed class SendSampleCommand : ICliCommand
{
    public const string DefaultSample = "samples/call_ended.completed.dispute.json";

    public string Name => "send-sample";

    public string Summary => "sign a DialNexa webhook body and post it to the running app";

    public string Help => $"""
        Usage: send-sample [file.json] [--url URL]

        Signs the file with the webhook secret (DialNexa__WebhookSecrets, or the local secret the app generated in its
        data directory) and posts it to the app's webhook, as DialNexa would. Prints the call's status address.

          file.json    the body to post, read from the working directory (default: {DefaultSample} in the repository)
          --url URL    where the app listens (default {FunctionAppHost.DefaultUrl})

        Exit codes: 0 accepted; 1 the app refused it or did not answer; 2 wrong option or no such file.
        """;

    public async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var root = FunctionAppHost.ResolveContentRoot();
        string? file = null;
        var url = FunctionAppHost.DefaultUrl;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--url" && i + 1 < args.Length && Uri.TryCreate(args[i + 1], UriKind.Absolute, out _))
            {
                url = args[++i];
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal) && file is null)
            {
                file = args[i];
            }
            else
            {
                await error.WriteLineAsync(args[i] == "--url"
                    ? $"send-sample: --url needs an absolute address such as {FunctionAppHost.DefaultUrl}."
                    : $"send-sample: unknown option '{args[i]}'. Usage: send-sample [file.json] [--url {FunctionAppHost.DefaultUrl}]");
                return ExitCodes.Usage;
            }
        }

        var path = Path.GetFullPath(file ?? Path.Combine(root, DefaultSample));
        if (!File.Exists(path))
        {
            await error.WriteLineAsync(file is null
                ? $"send-sample: the default sample is not at {path}; run from the repository, or name a file."
                : $"send-sample: no file at {path} (a relative path is read from the working directory, {Directory.GetCurrentDirectory()}). Samples are in {Path.Combine(root, "samples")}.");
            return ExitCodes.Usage;
        }

        var body = await File.ReadAllBytesAsync(path);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalSettingsFile.ReadValues(Path.Combine(root, LocalSettingsFile.FileName)))
            .AddEnvironmentVariables()
            .Build();
        var secret = WebhookSecretRing.Split(configuration[SettingNames.WebhookSecrets]).FirstOrDefault()
            ?? Encoding.UTF8.GetBytes(WebhookSecretRing.LoadOrCreateLocal(Path.GetFullPath(configuration[SettingNames.DataDirectory] is { Length: > 0 } d ? d : ".data", root)));
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookEndpoint.Route) { Content = content };
        request.Headers.Add("X-DialNexa-Signature", WebhookSignature.Compute(body, secret));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"send-sample: nothing answered at {url} ({ex.Message}). Start the app first: dotnet run --project DialNexa.Functions");
            return ExitCodes.Failure;
        }

        var text = await response.Content.ReadAsStringAsync();
        await output.WriteLineAsync($"{(int)response.StatusCode} {response.StatusCode} for {Path.GetFileName(path)}");
        if (!response.IsSuccessStatusCode)
        {
            await error.WriteLineAsync(text);
            return ExitCodes.Failure;
        }

        using var answer = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        if (answer.RootElement.TryGetProperty("callStatusUri", out var status))
        {
            await output.WriteLineAsync($"Call status: {status.GetString()}");
            await output.WriteLineAsync($"  curl -s {status.GetString()}");
        }
        else
        {
            await output.WriteLineAsync(text);
        }

        return ExitCodes.Success;
    }
}

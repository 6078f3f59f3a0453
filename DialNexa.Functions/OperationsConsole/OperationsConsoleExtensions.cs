using DialNexa.Functions.Handoff;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>Registers the operations console (on either host) and maps its pages on the self-host under <c>/console</c>, with <c>/</c> leading there.</summary>
internal static class OperationsConsoleExtensions
{
    public const string BasePath = "/console";

    public static IServiceCollection AddOperationsConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.SectionName))
            .Validate(o => o.SessionIdle > TimeSpan.Zero && o.SessionMax >= o.SessionIdle, "DialNexa__Console__SessionIdle must be positive and DialNexa__Console__SessionMax at least as long (for example 00:30:00 and 08:00:00).")
            .Validate(o => o.ListRefresh >= TimeSpan.Zero, "DialNexa__Console__ListRefresh must not be negative (for example 00:00:05).")
            .Validate(o => o.SignInFailuresAllowed > 0 && o.SignInLockout > TimeSpan.Zero, "DialNexa__Console__SignInFailuresAllowed must be 1 or more and DialNexa__Console__SignInLockout positive (for example 5 and 00:15:00).")
            .ValidateOnStart();
        services.AddSingleton<SearchDigests>();
        services.AddSingleton<CallList>();
        services.AddSingleton<ICallListing>(sp => sp.GetRequiredService<CallList>());
        services.AddHostedService<CallListWarmUp>();
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<ApprovalReminders>();
        services.AddDataProtection();
        return services;
    }

    public static WebApplication MapOperationsConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", (HttpContext http) => ConsoleEndpoints.Home(http, BasePath));
        var console = app.MapGroup(BasePath);
        console.MapGet("", (HttpContext http) => ConsoleEndpoints.Home(http, BasePath));
        console.MapGet("/sign-in", (HttpContext http) => ConsoleEndpoints.SignInForm(http, BasePath));
        console.MapPost("/sign-in", Handler(http => ConsoleEndpoints.SignInAsync(http, BasePath))).DisableAntiforgery();
        console.MapPost("/sign-out", Handler(http => ConsoleEndpoints.SignOutAsync(http, BasePath))).DisableAntiforgery();
        console.MapGet("/calls", Handler(http => ConsoleEndpoints.CallsAsync(http, BasePath)));
        console.MapGet("/calls.csv", Handler(http => ConsoleEndpoints.CallsCsvAsync(http, BasePath)));
        console.MapGet("/calls/{callId}", (HttpContext http, string callId) => ConsoleEndpoints.CallAsync(http, BasePath, callId));
        console.MapGet("/calls/{callId}/transcript", (HttpContext http, string callId) => ConsoleEndpoints.TranscriptAsync(http, BasePath, callId));
        console.MapGet("/calls/{callId}/recording", (HttpContext http, string callId) => ConsoleEndpoints.RecordingAsync(http, BasePath, callId));
        console.MapGet("/review", Handler(http => ConsoleEndpoints.ReviewAsync(http, BasePath)));
        console.MapPost("/review/{instanceId}/resolve", (HttpContext http, string instanceId) => ConsoleEndpoints.ResolveAsync(http, BasePath, instanceId)).DisableAntiforgery();
        console.MapGet("/approvals", Handler(http => ConsoleEndpoints.ApprovalsAsync(http, BasePath)));
        console.MapPost("/approvals/{callId}/remind", (HttpContext http, string callId) => ConsoleEndpoints.RemindAsync(http, BasePath, callId)).DisableAntiforgery();
        console.MapGet("/trends", Handler(http => ConsoleEndpoints.TrendsAsync(http, BasePath)));
        return app;
    }

    /// <summary>A handler as a route handler (whose result is written), not as a bare RequestDelegate.</summary>
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;
}

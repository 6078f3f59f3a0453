using DialNexa.Functions.Settings;

namespace DialNexa.Functions.Retention;

/// <summary>Registers retention and erasure: their settings, the sweeps and the eraser.</summary>
internal static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(o => o.KeepFor is null || o.KeepFor > TimeSpan.Zero, "DialNexa__Retention__KeepFor must be positive (for example 400.00:00:00), or unset to keep every call.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "DialNexa__Retention__SweepInterval must be positive (for example 01:00:00).")
            .ValidateOnStart();
        services.AddOptions<ErasureOptions>().Bind(configuration.GetSection(ErasureOptions.SectionName))
            .Validate(
                o => o.Keys().All(k => SecretLength.IsEnough(k, ErasureOptions.MinimumKeyLength)),
                $"{ErasureOptions.DigestKeysSetting}: each key needs at least {ErasureOptions.MinimumKeyLength} characters (for example 32 random bytes as hex), or a Key Vault reference.")
            .ValidateOnStart();
        services.AddSingleton<ErasedCalls>();
        services.AddSingleton<RetentionSweep>();
        services.AddSingleton<OrphanedCallSweep>();
        services.AddSingleton<CallEraser>();
        return services;
    }

    /// <summary>The self-host's retention schedule (the Functions app runs the same sweeps on timer triggers).</summary>
    public static IServiceCollection AddRetentionSchedule(this IServiceCollection services)
    {
        services.AddHostedService<RetentionSweeper>();
        return services;
    }
}

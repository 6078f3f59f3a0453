namespace DialNexa.Functions.Retention;

/// <summary>
/// How long finished calls are kept (section <c>DialNexa:Retention</c>). Unset keeps them: deleting audit records is
/// finance's decision. When set, calls finished and created longer ago than <see cref="KeepFor"/> are erased with all
/// that is kept for them, except calls still open in review.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "DialNexa:Retention";

    /// <summary>Keep finished calls this long (<c>DialNexa__Retention__KeepFor</c>, for example <c>400.00:00:00</c>); unset keeps them.</summary>
    public TimeSpan? KeepFor { get; set; }

    /// <summary>How often the sweep runs (<c>DialNexa__Retention__SweepInterval</c>, default one hour).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}

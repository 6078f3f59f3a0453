namespace DialNexa.Functions.Providers;

/// <summary>Where a preview's current values come from.</summary>
public enum ProviderCurrentValues
{
    /// <summary>Not read: the provider has no credentials here, or the action reads nothing before it writes.</summary>
    NotRead,

    /// <summary>Read from the provider when the preview was made.</summary>
    Read,

    /// <summary>The provider was asked and holds no such record: the request creates it.</summary>
    NewRecord,

    /// <summary>Reading failed (the note says why); the request shown is the one planned without that read.</summary>
    ReadFailed,
}

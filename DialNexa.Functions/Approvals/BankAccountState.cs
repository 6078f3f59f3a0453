namespace DialNexa.Functions.Approvals;

/// <summary>Whether the approval form asks for a company bank account: not at all, yes, or no longer (another approver entered it).</summary>
internal abstract record BankAccountState
{
    /// <summary>No write needs one.</summary>
    public sealed record NotAsked : BankAccountState;

    /// <summary>A write needs one and none is entered: approving requires it.</summary>
    public sealed record Needed : BankAccountState;

    /// <summary>Entered already: by whom, and the account's last four digits.</summary>
    public sealed record Entered(string EnteredBy, string Last4) : BankAccountState;
}

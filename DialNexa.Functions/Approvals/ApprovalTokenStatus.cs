namespace DialNexa.Functions.Approvals;

/// <summary>What reading an approval token found.</summary>
public enum ApprovalTokenStatus
{
    /// <summary>Signed by a key in the ring, intact and unexpired.</summary>
    Valid,

    /// <summary>Genuine, but past its expiry.</summary>
    Expired,

    /// <summary>Forged, tampered, truncated or signed by an unknown key: nothing about it is trusted or revealed.</summary>
    Invalid,
}

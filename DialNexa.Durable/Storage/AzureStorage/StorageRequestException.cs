using System.Net;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>A storage call answered with an error: the HTTP status, the service's error code, and for batches the failing operation.</summary>
public sealed class StorageRequestException : Exception
{
    public StorageRequestException()
    {
    }

    public StorageRequestException(string message)
        : base(message)
    {
    }

    public StorageRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageRequestException(int status, string? errorCode, string message, int? failedOperation = null)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
        FailedOperation = failedOperation;
    }

    public int Status { get; }

    public string? ErrorCode { get; }

    /// <summary>For an entity group transaction: the zero-based index of the operation that failed, when the service says.</summary>
    public int? FailedOperation { get; }

    public bool IsConflict => Status == (int)HttpStatusCode.Conflict;

    public bool IsPreconditionFailed => Status == (int)HttpStatusCode.PreconditionFailed;

    public bool IsNotFound => Status == (int)HttpStatusCode.NotFound;
}

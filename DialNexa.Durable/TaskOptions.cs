namespace DialNexa.Durable;

/// <summary>Options for one activity or sub-orchestration call.</summary>
public class TaskOptions
{
    public TaskOptions(RetryPolicy? retry = null)
    {
        Retry = retry;
    }

    public RetryPolicy? Retry { get; }

    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

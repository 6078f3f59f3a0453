namespace DialNexa.Durable;

/// <summary>
/// Told of external events an orchestration never handled: raised into it but not awaited when it finished, or
/// accepted while it ran and delivered after it had finished. Without a handler such events are dropped, as Durable
/// Functions drops them. The engine calls every registered handler before it deletes the event, at least once per
/// event (a handler must be idempotent); a handler that throws makes the engine retry the work item, until the last
/// delivery before dead-lettering, which completes the instance anyway and logs the events it could not hand over.
/// </summary>
public interface IUnhandledEventHandler
{
    Task HandleAsync(UnhandledEvent unhandled, CancellationToken cancellationToken);
}

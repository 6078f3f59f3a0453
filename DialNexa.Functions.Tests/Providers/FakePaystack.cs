using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Tests.Providers;

/// <summary>
/// Answers like Paystack: envelope {status, message, data}, customers by email, payment requests by customer (each
/// notification recorded in its <c>notifications</c>). A fault can follow a create or notification Paystack has
/// already stored: a 500, a 200 whose body breaks off, no answer within the client's timeout, or a reset connection.
/// With <see cref="CommitCreatesAfter"/>, a create is committed that long after it arrived and never answered, as a
/// slow provider whose client was killed mid-request. <see cref="CustomersCreated"/> counts the records committed
/// (a duplicate create is a second record, as a provider without dedupe keeps it).
/// </summary>
public sealed class FakePaystack
{
    private int _reads;
    private int _customersCreated;
    private volatile bool _created;
    private volatile bool _failReadsAfterCreate;

    public enum Fault
    {
        None,
        ServerError,
        BrokenJson,
        Timeout,
        Reset,
    }

    public ConcurrentDictionary<string, int> Customers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<JsonObject> Requests { get; } = [];

    public int RateLimitFirstReads { get; init; }

    public Fault CreateFault { get; init; }

    public Fault NotifyFault { get; init; }

    /// <summary>After the first create, every read answers 503 (an outage that began just after the write), until set false.</summary>
    public bool FailReadsAfterCreate
    {
        get => _failReadsAfterCreate;
        set => _failReadsAfterCreate = value;
    }

    /// <summary>When set, a create is committed this long after it arrived, and never answered.</summary>
    public TimeSpan? CommitCreatesAfter { get; init; }

    public int CustomersCreated => Volatile.Read(ref _customersCreated);

    public async Task HandleAsync(HttpContext context, string body)
    {
        var path = context.Request.Path.Value!;
        if (context.Request.Method == "GET" && FailReadsAfterCreate && _created)
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsJsonAsync(new { status = false, message = "Service unavailable" });
            return;
        }

        if (context.Request.Method == "GET" && Interlocked.Increment(ref _reads) <= RateLimitFirstReads)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["x-ratelimit-reset"] = "0";
            await context.Response.WriteAsJsonAsync(new { status = false, message = "Rate limit exceeded!", type = "api_error", code = "rate_limited" });
            return;
        }

        if (context.Request.Method == "GET" && path.StartsWith("/customer/", StringComparison.Ordinal))
        {
            var email = Uri.UnescapeDataString(path["/customer/".Length..]);
            if (Customers.TryGetValue(email, out var id))
            {
                await context.Response.WriteAsJsonAsync(new { status = true, message = "Customer retrieved", data = new { id, email, customer_code = "CUS_dana", first_name = "Dana", last_name = "Whitfield" } });
                return;
            }

            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { status = false, message = "Customer not found" });
            return;
        }

        if (context.Request.Method == "POST" && path == "/customer")
        {
            var email = JsonNode.Parse(body)!["email"]!.GetValue<string>();
            if (CommitCreatesAfter is { } delay)
            {
                _ = Task.Delay(delay).ContinueWith(_ => Commit(email), TaskScheduler.Default);
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            Commit(email);
            await AnswerAsync(context, CreateFault, new JsonObject { ["status"] = true, ["message"] = "Customer created", ["data"] = new JsonObject { ["id"] = 7, ["email"] = email, ["customer_code"] = "CUS_dana" } });
            return;
        }

        if (context.Request.Method == "GET" && path == "/paymentrequest")
        {
            var data = new JsonArray([.. Requests.Select(r => r.DeepClone())]);
            await context.Response.WriteAsync(new JsonObject { ["status"] = true, ["message"] = "Payment requests retrieved", ["data"] = data }.ToJsonString());
            return;
        }

        if (context.Request.Method == "POST" && path == "/paymentrequest")
        {
            var created = JsonNode.Parse(body)!.AsObject();
            created["request_code"] = "PRQ_" + Requests.Count;
            Requests.Add(created);
            await context.Response.WriteAsync(new JsonObject { ["status"] = true, ["message"] = "Payment request created", ["data"] = created.DeepClone() }.ToJsonString());
            return;
        }

        if (context.Request.Method == "POST" && path.StartsWith("/paymentrequest/notify/", StringComparison.Ordinal))
        {
            var id = path["/paymentrequest/notify/".Length..];
            if (Requests.FirstOrDefault(r => r["id"]?.ToString() == id) is { } notified)
            {
                if (notified["notifications"] is not JsonArray sent)
                {
                    notified["notifications"] = sent = [];
                }

                sent.Add(new JsonObject { ["sent_at"] = "2026-12-02T10:00:00.000Z", ["channel"] = "email" });
            }

            await AnswerAsync(context, NotifyFault, new JsonObject { ["status"] = true, ["message"] = "Notification sent" });
            return;
        }

        context.Response.StatusCode = 404;
    }

    private void Commit(string email)
    {
        Customers[email] = 7;
        Interlocked.Increment(ref _customersCreated);
        _created = true;
    }

    private static async Task AnswerAsync(HttpContext context, Fault fault, JsonObject answer)
    {
        switch (fault)
        {
            case Fault.ServerError:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsJsonAsync(new { status = false, message = "An error occurred" });
                return;
            case Fault.BrokenJson:
                await context.Response.WriteAsync(answer.ToJsonString()[..20]);
                return;
            case Fault.Timeout:
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case Fault.Reset:
                context.Abort();
                return;
            default:
                await context.Response.WriteAsync(answer.ToJsonString());
                return;
        }
    }
}

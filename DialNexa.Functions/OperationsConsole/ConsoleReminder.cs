namespace DialNexa.Functions.OperationsConsole;

/// <summary>A reminder sent again from the console: when, by which session, and how it went out (Slack outcome, mails sent).</summary>
public sealed record ConsoleReminder(DateTimeOffset SentAt, string Slack, int MailsSent, int MailsFailed);

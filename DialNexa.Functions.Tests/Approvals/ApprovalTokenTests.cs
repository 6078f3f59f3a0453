using DialNexa.Functions.Approvals;
using DialNexa.Functions.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Approvals;

public sealed class ApprovalTokenTests
{
    private const string OldKey = "old-approval-signing-key-0123456789abcdef";
    private const string NewKey = "new-approval-signing-key-fedcba9876543210";

    private static readonly ApprovalTicket Ticket = new("call_1", "call_1:abc", "alice@example.com", DateTimeOffset.UtcNow.AddHours(1));

    [Fact]
    public void Read_IssuedToken_IsValidAndCarriesTheBinding()
    {
        var tokens = Tokens(OldKey);
        var (status, ticket) = tokens.Read(tokens.Issue(Ticket));
        Assert.Equal(ApprovalTokenStatus.Valid, status);
        Assert.Equal(Ticket with { ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(Ticket.ExpiresAt.ToUnixTimeSeconds()) }, ticket);
    }

    [Fact]
    public void Read_AfterKeyRotation_OpenLinksStayValidUntilTheOldKeyIsRemoved()
    {
        var before = Tokens(OldKey).Issue(Ticket);
        var rotated = Tokens($"{NewKey},{OldKey}");
        Assert.Equal(ApprovalTokenStatus.Valid, rotated.Read(before).Status);
        var after = rotated.Issue(Ticket);
        Assert.NotEqual(before, after);
        Assert.Equal(ApprovalTokenStatus.Valid, Tokens(NewKey).Read(after).Status);
        Assert.Equal(ApprovalTokenStatus.Invalid, Tokens(NewKey).Read(before).Status);
    }

    [Fact]
    public void Read_ExpiredToken_IsExpiredNotInvalid()
    {
        var tokens = Tokens(OldKey);
        var (status, ticket) = tokens.Read(tokens.Issue(Ticket with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) }));
        Assert.Equal(ApprovalTokenStatus.Expired, status);
        Assert.NotNull(ticket);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("zzzzzzzz.eyJpIjoiYyJ9.AAAA")]
    [InlineData("!!!.***.###")]
    public void Read_Garbage_IsInvalid(string token) => Assert.Equal(ApprovalTokenStatus.Invalid, Tokens(OldKey).Read(token).Status);

    [Fact]
    public void Read_AnyCharacterChanged_IsInvalid()
    {
        var tokens = Tokens(OldKey);
        var token = tokens.Issue(Ticket);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.')
            {
                continue;
            }

            foreach (var replacement in "ABab01-_")
            {
                if (replacement != token[i])
                {
                    var changed = token[..i] + replacement + token[(i + 1)..];
                    Assert.NotEqual(ApprovalTokenStatus.Valid, tokens.Read(changed).Status);
                }
            }
        }
    }

    [Fact]
    public void KeyRing_NoKeyConfigured_GeneratesOneUnderTheDataDirectoryAndReusesIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dialnexa-approval-keys", Guid.NewGuid().ToString("N"));
        var first = Tokens(null, directory);
        var token = first.Issue(Ticket);
        Assert.True(File.Exists(Path.Combine(directory, ApprovalKeyRing.LocalKeyFileName)));
        Assert.Equal(ApprovalTokenStatus.Valid, Tokens(null, directory).Read(token).Status);
    }

    [Fact]
    public void Validator_BadSettings_NameTheExactSetting()
    {
        var options = new ApprovalsOptions
        {
            SigningKeys = "short",
            Approvers = [new() { Email = "not-an-email" }, new() { Email = "a@example.com", SlackUserId = "U1" }, new() { Email = "A@example.com", SlackUserId = "U1" }],
            Quorum = 4,
        };
        var result = new ApprovalsOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        var messages = string.Join('\n', result.Failures!);
        Assert.Contains("DialNexa__Approvals__SigningKeys", messages, StringComparison.Ordinal);
        Assert.Contains("DialNexa__Approvals__Approvers__0__Email", messages, StringComparison.Ordinal);
        Assert.Contains("DialNexa__Approvals__Approvers__2__Email", messages, StringComparison.Ordinal);
        Assert.Contains("DialNexa__Approvals__Approvers__2__SlackUserId", messages, StringComparison.Ordinal);
        Assert.Contains("DialNexa__Approvals__Quorum", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("short", messages.Replace("DialNexa", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_EmailHalfSetOrOnAPortItCannotSpeak_NamesEachSetting()
    {
        var halfSet = new ApprovalsOptions { Email = new ApprovalEmailOptions { From = "approvals@example.com" } };
        Assert.Contains("DialNexa__Approvals__Email__Host", string.Join('\n', new ApprovalsOptionsValidator().Validate(null, halfSet).Failures!), StringComparison.Ordinal);
        var implicitTls = new ApprovalsOptions { Email = new ApprovalEmailOptions { Host = "smtp.example.com", From = "not an address", Port = 465 } };
        var messages = string.Join('\n', new ApprovalsOptionsValidator().Validate(null, implicitTls).Failures!);
        Assert.Contains("DialNexa__Approvals__Email__Port is 465", messages, StringComparison.Ordinal);
        Assert.Contains("DialNexa__Approvals__Email__From", messages, StringComparison.Ordinal);
        Assert.True(new ApprovalsOptionsValidator().Validate(null, new ApprovalsOptions { Email = new ApprovalEmailOptions { Host = "smtp.example.com", From = "approvals@example.com" } }).Succeeded);
    }

    [Fact]
    public void Validator_NothingConfigured_PassesWithTheLocalDefaultApprover()
    {
        var options = new ApprovalsOptions();
        Assert.True(new ApprovalsOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(ApprovalsOptions.DefaultApproverEmail, Assert.Single(options.EffectiveApprovers()).Email);
    }

    [Fact]
    public async Task App_BadApprovalSetting_FailsToStartNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = await Hosting.TestApp.StartAsync(new Dictionary<string, string> { ["DialNexa:Approvals:Quorum"] = "3" });
        });
        Assert.Contains("DialNexa__Approvals__Quorum", failure.Message, StringComparison.Ordinal);
    }

    private static ApprovalTokens Tokens(string? keys, string? dataDirectory = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DialNexa:DataDirectory"] = dataDirectory ?? Path.GetTempPath() }).Build();
        var ring = new ApprovalKeyRing(Options.Create(new ApprovalsOptions { SigningKeys = keys }), configuration, new Environment());
        return new ApprovalTokens(ring, TimeProvider.System);
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

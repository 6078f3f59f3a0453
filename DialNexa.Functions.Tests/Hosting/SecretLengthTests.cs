using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>Finding 14 of issue 14: a short admin key or webhook secret stops the app at start, naming the setting.</summary>
public sealed class SecretLengthTests
{
    [Theory]
    [InlineData("DialNexa:AdminKey", "k3y!!", "DialNexa__AdminKey")]
    [InlineData("DialNexa:WebhookSecrets", "s3cr!", "DialNexa__WebhookSecrets")]
    [InlineData("DialNexa:WebhookSecrets", "a-long-enough-webhook-secret-0001,sh0r!", "DialNexa__WebhookSecrets")]
    [InlineData("DialNexa:Erasure:DigestKeys", "t1ny!", "DialNexa__Erasure__DigestKeys")]
    public async Task Start_SecretShorterThanItsMinimum_FailsNamingTheSetting(string key, string value, string setting)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = await TestApp.StartAsync(new Dictionary<string, string> { [key] = value });
        });

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
        Assert.All(value.Split(','), part => Assert.DoesNotContain(part, failure.Message, StringComparison.Ordinal));
        Assert.Contains("at least", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SecretsOfTheirMinimumLength_Start()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string>
        {
            ["DialNexa:AdminKey"] = new('k', 16),
            ["DialNexa:WebhookSecrets"] = new('w', 16),
        });
        Assert.NotNull(app.BaseAddress);
    }
}

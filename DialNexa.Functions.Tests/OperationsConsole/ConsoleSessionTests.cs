using System.Net;
using DialNexa.Functions.OperationsConsole;
using DialNexa.Functions.Tests.Handoff;
using static DialNexa.Functions.Tests.OperationsConsole.ConsoleTestApp;

namespace DialNexa.Functions.Tests.OperationsConsole;

/// <summary>Signing in once with the admin key, the session cookie, antiforgery on every POST, nothing cached.</summary>
public sealed class ConsoleSessionTests
{
    [Fact]
    public async Task Pages_WithoutASession_RedirectToSignIn_AndTheRootLeadsToTheConsole()
    {
        var (app, _, _) = await StartAsync();
        await using (app)
        {
            using var browser = Browser(app);
            foreach (var path in new[] { "/console/calls", "/console/calls.csv", "/console/review", "/console/approvals", "/console/trends", $"/console/calls/{HandoffTestApp.DisputeCall}" })
            {
                var response = await browser.GetAsync(path);
                Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
                Assert.Equal("/console/sign-in", response.Headers.Location!.OriginalString);
                Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
            }

            var root = await browser.GetAsync("/");
            Assert.Equal(HttpStatusCode.SeeOther, root.StatusCode);
            Assert.Equal("/console/sign-in", root.Headers.Location!.OriginalString);

            // The key through the API's header or query opens no page: the console wants its own session.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/console/calls");
            request.Headers.Add("x-functions-key", AdminKey);
            Assert.Equal(HttpStatusCode.SeeOther, (await browser.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task SignIn_WithTheKey_SetsAStrictHttpOnlyCookieOnTheConsolePath_AndEveryAnswerIsNoStoreWithACsp()
    {
        var (app, _, _) = await StartAsync();
        await using (app)
        {
            using var browser = Browser(app);
            var form = await browser.GetAsync("/console/sign-in");
            Assert.Equal("no-store", form.Headers.CacheControl!.ToString());
            Assert.Contains("default-src 'none'", form.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            var page = await PageAsync(form);
            var signedIn = await browser.PostAsync("/console/sign-in", new FormUrlEncodedContent(
            [
                new(ConsoleSessions.TokenField, TokenOf(page)),
                new("key", AdminKey),
                new("zone", "Europe/London"),
            ]));
            Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
            Assert.Equal("/console/calls", signedIn.Headers.Location!.OriginalString);
            var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ConsoleSessions.CookieName + "=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(AdminKey, cookie, StringComparison.Ordinal);

            var calls = await browser.GetAsync("/console/calls");
            Assert.Equal(HttpStatusCode.OK, calls.StatusCode);
            Assert.Equal("no-store", calls.Headers.CacheControl!.ToString());
            Assert.Equal("DENY", calls.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("London time", await calls.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SignIn_WithAWrongKeyOrNoToken_IsRefused_AndOpensNoSession()
    {
        var (app, _, _) = await StartAsync();
        await using (app)
        {
            using var browser = Browser(app);
            var wrong = await SignInAsync(browser, key: "not-the-admin-key-at-all");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("not the admin key", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.SeeOther, (await browser.GetAsync("/console/calls")).StatusCode);

            var noToken = await browser.PostAsync("/console/sign-in", new FormUrlEncodedContent([new("key", AdminKey)]));
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
            Assert.Equal(HttpStatusCode.SeeOther, (await browser.GetAsync("/console/calls")).StatusCode);

            var json = await browser.PostAsync("/console/sign-in", new StringContent("{\"key\":\"" + AdminKey + "\"}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        }
    }

    [Fact]
    public async Task SignIn_AfterTooManyWrongKeysFromOneAddress_IsRefusedEvenWithTheKey_UntilTheLockoutPasses_AndOtherAddressesStillSignIn()
    {
        var (app, _, _) = await StartAsync(extra: new() { ["DialNexa:Console:SignInFailuresAllowed"] = "3", ["DialNexa:Console:SignInLockout"] = "00:00:03" });
        await using (app)
        {
            using var guesser = Browser(app);
            guesser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
            for (var attempt = 0; attempt < 3; attempt++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(guesser, key: $"guess-number-{attempt}-of-the-admin-key")).StatusCode);
            }

            var locked = await SignInAsync(guesser);
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.InRange(int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3);
            Assert.Contains("Too many wrong keys from this address", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.SeeOther, (await guesser.GetAsync("/console/calls")).StatusCode);

            // Someone else, at another address, is not locked out by the guesser.
            using var colleague = Browser(app);
            colleague.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");
            Assert.Equal(HttpStatusCode.SeeOther, (await SignInAsync(colleague)).StatusCode);

            await Task.Delay(TimeSpan.FromSeconds(3.2));
            Assert.Equal(HttpStatusCode.SeeOther, (await SignInAsync(guesser)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("/console/calls")).StatusCode);
        }
    }

    [Fact]
    public async Task Posts_WithoutTheSessionsToken_DoNothing_AndSignOutEndsTheSession()
    {
        var (app, _, _) = await StartAsync(knownEmail: "someone.else@example.com");
        await using (app)
        {
            Assert.Equal("InReview", (await HandoffTestApp.PostDisputeAndWaitForCompletionAsync(app.Http)).GetProperty("stage").GetString());
            using var browser = await SignedInAsync(app);
            var route = $"/console/review/{HandoffTestApp.DisputeCall}/resolve";

            var forged = await browser.PostAsync(route, new FormUrlEncodedContent([new("resolvedBy", "mallory"), new(ConsoleSessions.TokenField, "forged")]));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

            // A token of another session does not count either.
            using var other = await SignedInAsync(app);
            var othersToken = TokenOf(await PageAsync(await other.GetAsync("/console/review")));
            var crossed = await browser.PostAsync(route, new FormUrlEncodedContent([new("resolvedBy", "mallory"), new(ConsoleSessions.TokenField, othersToken)]));
            Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
            Assert.Contains("\"callId\":\"" + HandoffTestApp.DisputeCall + "\"", await app.Http.GetStringAsync("/api/review"), StringComparison.Ordinal);

            var token = TokenOf(await PageAsync(await browser.GetAsync("/console/review")));
            var missingName = await browser.PostAsync(route, new FormUrlEncodedContent([new(ConsoleSessions.TokenField, token), new("resolvedBy", " ")]));
            Assert.Equal(HttpStatusCode.BadRequest, missingName.StatusCode);
            Assert.Contains("Resolved by", await missingName.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var signOut = await browser.PostAsync("/console/sign-out", new FormUrlEncodedContent([new(ConsoleSessions.TokenField, token)]));
            Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);
            Assert.Equal(HttpStatusCode.SeeOther, (await browser.GetAsync("/console/review")).StatusCode);
            var afterSignOut = await browser.PostAsync(route, new FormUrlEncodedContent([new(ConsoleSessions.TokenField, token), new("resolvedBy", "ana")]));
            Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
            Assert.Contains("\"callId\":\"" + HandoffTestApp.DisputeCall + "\"", await app.Http.GetStringAsync("/api/review"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Session_IdleLongerThanItsLimit_Ends()
    {
        var (app, _, _) = await StartAsync(extra: new() { ["DialNexa:Console:SessionIdle"] = "00:00:01", ["DialNexa:Console:SessionMax"] = "00:00:01" });
        await using (app)
        {
            using var browser = await SignedInAsync(app);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console/calls")).StatusCode);
            await Task.Delay(1500);
            Assert.Equal(HttpStatusCode.SeeOther, (await browser.GetAsync("/console/calls")).StatusCode);
        }
    }

    [Fact]
    public async Task SignIn_WithoutAnAdminKeySet_SaysWhichSettingToSet()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            using var browser = Browser(app);
            var page = await browser.GetStringAsync("/console/sign-in");
            Assert.Contains("DialNexa__AdminKey", page, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync("/console/sign-in", new FormUrlEncodedContent([new("key", "")]))).StatusCode);
        }
    }
}

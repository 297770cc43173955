using System.Net;
using System.Net.Http.Headers;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Security;

/// <summary>Jwt mode with the development key: only valid tokens get in; every refusal is 401 problem+json.</summary>
public sealed class TokenTests(JwtApplication app) : IClassFixture<JwtApplication>
{
    private static readonly Functions.Identity.SeptUser Ada = TestTokens.User("ada");

    public static TheoryData<string, string?> BadTokens()
    {
        var other = Convert.ToBase64String("another-key-another-key-another-key-0123"u8.ToArray());
        return new TheoryData<string, string?>
        {
            { "missing", null },
            { "expired", TestTokens.Mint(Ada, notBefore: DateTime.UtcNow.AddHours(-3), expires: DateTime.UtcNow.AddHours(-2)) },
            { "wrong audience", TestTokens.Mint(Ada, audience: "someone-else") },
            { "wrong issuer", TestTokens.Mint(Ada, issuer: "https://evil.example") },
            { "bad signature", TestTokens.Mint(Ada, base64Key: other) },
            { "alg none", TestTokens.Unsigned(Ada) },
            { "garbage", "not.a.token" },
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_or_missing_token_is_401_problem_json(string why, string? token)
    {
        var client = app.Anonymous();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var path in new[] { "/api/me", "/api/projects", "/api/workspaces" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {path} answered {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Sign-in required", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_valid_token_signs_the_user_in_with_the_claims_as_sent()
    {
        var response = await app.ClientFor(Ada).GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((Ada.Id, Ada.Name, Ada.Email), (me.GetProperty("id").GetString(), me.GetProperty("name").GetString(), me.GetProperty("email").GetString()));
        Assert.Equal(0, me.GetProperty("workspaces").GetArrayLength());
    }

    [Fact]
    public async Task Health_and_config_need_no_token_and_config_says_dev()
    {
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
        var config = await client.GetStringAsync("/api/config");
        Assert.Contains("\"mode\":\"dev\"", config);
    }

    [Fact]
    public async Task The_query_string_token_counts_on_the_hub_only()
    {
        var client = app.Anonymous();
        var token = TestTokens.For(Ada);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/hub/negotiate?negotiateVersion=1&access_token={token}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/me?access_token={token}")).StatusCode);
    }
}

/// <summary>Jwt mode for Entra ID: the settings the web UI needs are served anonymously, and incomplete settings
/// stop the app at start.</summary>
public sealed class EntraSettingsTests
{
    [Fact]
    public async Task Config_describes_the_entra_sign_in_for_msal()
    {
        using var app = new SettingsApplication(new Dictionary<string, string>
        {
            ["Sept:Auth:Mode"] = "Jwt",
            ["Sept:Auth:Authority"] = "https://login.microsoftonline.com/tenant-1/v2.0",
            ["Sept:Auth:Audience"] = "api://sept",
            ["Sept:Auth:ClientId"] = "spa-client",
            ["Sept:Auth:Scopes"] = "api://sept/Notebooks.ReadWrite openid",
        });
        var client = app.CreateClient();
        var auth = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/config")).RootElement.GetProperty("auth");
        Assert.Equal(("entra", "spa-client", "https://login.microsoftonline.com/tenant-1/v2.0"),
            (auth.GetProperty("mode").GetString(), auth.GetProperty("clientId").GetString(), auth.GetProperty("authority").GetString()));
        Assert.Equal(["api://sept/Notebooks.ReadWrite", "openid"], auth.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public void Jwt_mode_without_an_authority_or_a_dev_key_does_not_start()
    {
        using var app = new SettingsApplication(new Dictionary<string, string> { ["Sept:Auth:Mode"] = "Jwt" });
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Sept:Auth", failure.ToString());
    }

    private sealed class SettingsApplication(IReadOnlyDictionary<string, string> settings) : SeptApplication(_ => new ScriptedKernel())
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}

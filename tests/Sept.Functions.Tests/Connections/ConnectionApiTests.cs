using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sept.Functions.Tests.Security;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Connections;

/// <summary>The connections API per role: what each role sees, and that no answer carries a password.</summary>
public sealed class ConnectionApiTests(JwtApplication app) : IClassFixture<JwtApplication>
{
    private const string Password = "s3cret-Pa55-word";

    private static object Body(string name, string? password = Password) =>
        new { name, provider = "postgres", host = "db.example.test", database = "shop", username = "analyst", password };

    [Fact]
    public async Task Viewers_see_names_editors_see_details_and_nobody_sees_the_password()
    {
        var scenario = await SecurityScenario.CreateAsync(app);
        var route = $"/api/workspaces/{scenario.WorkspaceId}/connections";
        var created = await scenario.ClientOf(Caller.Admin).PostAsJsonAsync(route, Body("warehouse"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        foreach (var caller in new[] { Caller.Admin, Caller.Editor, Caller.Viewer })
        {
            var list = await scenario.ClientOf(caller).GetStringAsync(route);
            var one = await scenario.ClientOf(caller).GetStringAsync($"{route}/{id}");
            Assert.DoesNotContain(Password, list + one);
            var entry = JsonDocument.Parse(list).RootElement.EnumerateArray().Single();
            Assert.Equal(("warehouse", "postgres"), (entry.GetProperty("name").GetString(), entry.GetProperty("provider").GetString()));
            if (caller == Caller.Viewer)
                Assert.Equal(["id", "name", "provider"], entry.EnumerateObject().Select(p => p.Name));
            else
                Assert.Equal(("db.example.test", 5432, true), (entry.GetProperty("host").GetString(), entry.GetProperty("port").GetInt32(),
                    entry.GetProperty("hasPassword").GetBoolean()));
        }
    }

    [Fact]
    public async Task Names_are_unique_fields_are_checked_and_a_patch_keeps_or_clears_the_password()
    {
        var scenario = await SecurityScenario.CreateAsync(app);
        var admin = scenario.ClientOf(Caller.Admin);
        var route = $"/api/workspaces/{scenario.WorkspaceId}/connections";
        var first = await (await admin.PostAsJsonAsync(route, Body("sales"))).Content.ReadFromJsonAsync<JsonElement>();
        var taken = await admin.PostAsJsonAsync(route, Body("SALES"));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("application/problem+json", taken.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(route, Body("has space"))).StatusCode);
        var badHost = await admin.PostAsJsonAsync(route, new { name = "x", provider = "mySql", host = "h;Database=other", database = "d", username = "u" });
        Assert.Equal(HttpStatusCode.BadRequest, badHost.StatusCode);
        Assert.Contains("host", await badHost.Content.ReadAsStringAsync());

        var id = first.GetProperty("id").GetString();
        var renamed = await (await admin.PatchAsJsonAsync($"{route}/{id}", new { name = "sales2", provider = "sqlServer" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("sales2", "sqlServer", 1433, true, 2), (renamed.GetProperty("name").GetString(), renamed.GetProperty("provider").GetString(),
            renamed.GetProperty("port").GetInt32(), renamed.GetProperty("hasPassword").GetBoolean(), renamed.GetProperty("version").GetInt32()));
        var cleared = await (await admin.PatchAsJsonAsync($"{route}/{id}", new { password = "" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(cleared.GetProperty("hasPassword").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{route}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{route}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Testing_an_unreachable_database_answers_with_a_readable_reason()
    {
        var scenario = await SecurityScenario.CreateAsync(app);
        var answer = await (await scenario.ClientOf(Caller.Admin).PostAsJsonAsync($"/api/workspaces/{scenario.WorkspaceId}/connections/test",
            new { name = "probe", provider = "postgres", host = "127.0.0.1", port = 1, database = "shop", username = "analyst", password = Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("ok").GetBoolean());
        Assert.StartsWith("Cannot reach the server", answer.GetProperty("error").GetString());
        Assert.DoesNotContain(Password, answer.ToString());
    }
}

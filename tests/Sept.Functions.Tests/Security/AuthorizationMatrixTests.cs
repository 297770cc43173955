using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Security;

/// <summary>Runs <see cref="AuthorizationMatrix"/> on the app in Jwt dev-key mode with real SQLite: one fresh
/// scenario per (row, caller), and checks that the table covers every /api endpoint the app maps.</summary>
public sealed class AuthorizationMatrixTests(JwtApplication app) : IClassFixture<JwtApplication>
{
    public static TheoryData<int, string, Caller> Checks()
    {
        var data = new TheoryData<int, string, Caller>();
        for (var i = 0; i < AuthorizationMatrix.Rows.Count; i++)
            foreach (var caller in Enum.GetValues<Caller>())
                data.Add(i, AuthorizationMatrix.Rows[i].Key, caller);
        return data;
    }

    [Theory]
    [MemberData(nameof(Checks))]
    public async Task Each_caller_gets_the_status_the_table_says(int row, string route, Caller caller)
    {
        var check = AuthorizationMatrix.Rows[row];
        var scenario = await SecurityScenario.CreateAsync(app);
        var path = scenario.Fill(check.Path ?? check.Route);
        var method = check.Method == "*" ? check.Send ?? "GET" : check.Method;
        using var request = scenario.Request(method, path, check.Body, check.IfMatch);
        if (check.Accept is not null) request.Headers.Accept.ParseAdd(check.Accept);
        using var response = await scenario.ClientOf(caller).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == check.Expected(caller),
            $"{route} as {caller}: expected {check.Expected(caller)}, got {(int)response.StatusCode} {body}");
        if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden
            || (response.StatusCode == System.Net.HttpStatusCode.NotFound && check.Expected(Caller.Admin) != 404))
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_table_covers_every_api_endpoint_and_names_no_missing_route()
    {
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: Normalize(e.RoutePattern.RawText ?? ""), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]))
            .Where(e => e.Route.StartsWith("/api", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Route}"))
            .ToHashSet();
        var listed = AuthorizationMatrix.Rows.Select(r => r.Key).ToHashSet();
        var missing = mapped.Except(listed).Order().ToList();
        var stale = listed.Except(mapped).Order().ToList();
        Assert.True(missing.Count == 0,
            "These endpoints have no row in Security/AuthorizationMatrix.cs (add one per route, see the comment there): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "These rows name routes the app does not map: " + string.Join(", ", stale));
    }

    private static string Normalize(string route) => "/" + route.Trim('/');
}

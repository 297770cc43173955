using System.Net;
using System.Text;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Api;

/// <summary>Garbage in gets a 4xx problem, never a 5xx.</summary>
public sealed class MalformedRequestTests : IDisposable
{
    private readonly SeptApplication _app = new(_ => new ScriptedKernel());
    private readonly ApiClient _api;

    public MalformedRequestTests() => _api = new ApiClient(_app.CreateClient());

    [Fact]
    public async Task A_hundred_malformed_requests_get_no_server_error()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "var a = 1;");
        var p = project.Id;
        var c = cell.Id;
        var missing = Guid.NewGuid().ToString("N");
        string[] bodies =
        [
            "", "{", "}", "null", "[]", "42", "\"text\"", "{\"kind\":", "{\"kind\": 5}", "{\"kind\": \"python\"}", "{\"kind\": \"Code\"}",
            "{\"kind\": \"code\", \"source\": 12}", "{\"kind\": \"code\", \"source\": [\"a\"]}", "{\"kind\": \"code\", \"afterCellId\": \"nope\"}",
            $"{{\"kind\": \"code\", \"afterCellId\": \"{missing}\"}}", "{\"kind\": \"code\", \"config\": 3}", "{\"kind\": \"code\", \"config\": \"x\"}",
            "{\"name\": 7}", "{\"reactive\": \"yes\"}", "{\"name\": \"" + new string('n', 300) + "\"}", "{\"cellIds\": \"a\"}",
            "{\"cellIds\": [1, 2]}", "{\"mode\": 3}", "{\"mode\": \"everything\"}", "{\"afterCellId\": 5}", "{\"connectionId\": 5}",
            "\u0000\u0001", "<xml/>", "{\"source\": \"x\", \"source\": 3}",
        ];
        (HttpMethod Method, string Url)[] targets =
        [
            (HttpMethod.Post, "/api/projects"), (HttpMethod.Patch, $"/api/projects/{p}"), (HttpMethod.Post, $"/api/projects/{p}/cells"),
            (HttpMethod.Patch, $"/api/projects/{p}/cells/{c}"), (HttpMethod.Post, $"/api/projects/{p}/cells/{c}/move"),
            (HttpMethod.Post, $"/api/projects/{p}/runs"), (HttpMethod.Post, $"/api/projects/{p}/subscriptions"),
            (HttpMethod.Post, "/api/projects/import?format=ipynb"), (HttpMethod.Post, $"/api/projects/{p}/files"),
        ];
        var requests = new List<HttpRequestMessage>();
        foreach (var body in bodies)
            foreach (var (method, url) in targets.Take(4 + bodies.Length % 5))
            {
                var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("If-Match", "1");
                requests.Add(request);
            }
        // Bad ids, bad paths, bad methods, bad headers and bad query values.
        foreach (var url in new[] { "/api/projects/xyz", $"/api/projects/{missing}", $"/api/projects/{p}/cells/xyz/runs",
                     $"/api/projects/{p}/cells/{missing}/runs", $"/api/projects/{p}/cells/{c}/result?offset=-1", $"/api/projects/{p}/cells/{c}/result?limit=abc",
                     $"/api/projects/{p}/export?format=zip", $"/api/projects/{p}/files/..%2F..%2Fetc", $"/api/projects/{p}/outputs/../../x",
                     $"/api/projects/{missing}/graph", "/api/nothing-here" })
            requests.Add(new HttpRequestMessage(HttpMethod.Get, url));
        var badIfMatch = new HttpRequestMessage(HttpMethod.Patch, $"/api/projects/{p}/cells/{c}") { Content = new StringContent("{\"source\":\"1\"}", Encoding.UTF8, "application/json") };
        badIfMatch.Headers.TryAddWithoutValidation("If-Match", "yesterday");
        requests.Add(badIfMatch);
        requests.Add(new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{p}/files") { Content = new StringContent("--x\r\nbroken", Encoding.UTF8, "multipart/form-data") });
        requests.Add(new HttpRequestMessage(HttpMethod.Delete, $"/api/projects/{p}/cells/{missing}"));

        Assert.True(requests.Count >= 100, $"only {requests.Count} requests");
        var failures = new List<string>();
        foreach (var request in requests)
        {
            var description = $"{request.Method} {request.RequestUri}";
            var response = await _api.Http.SendAsync(request);
            // Some bodies are fine for some endpoints (a project named by default); what matters is no 5xx.
            if ((int)response.StatusCode >= 500)
                failures.Add($"{description} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            else if (!response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{description} -> {(int)response.StatusCode} without problem+json");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public void Dispose() => _app.Dispose();
}

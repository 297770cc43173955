using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using global::Azure.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sept.Azure;
using Sept.Functions.Azure;
using Sept.Functions.Hosting;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Functions.Storage.Blob;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Azure;

/// <summary>The app with Sept:Hosting = Azure: Cosmos on cosmosdb-server, Blob on Azurite, and Service Bus and
/// SignalR Service answered by a recording endpoint (their REST clients are tested in Sept.Azure.Tests).</summary>
public sealed class AzureModeApplication : WebApplicationFactory<SeptOptions>, IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private readonly string _suffix = Guid.NewGuid().ToString("N");
    private string _cosmos = "";
    private string _blob = "";

    public RecordingAzureService Azure { get; } = new()
    {
        Answer = r => r.RequestUri!.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal) ? HttpStatusCode.Created
            : r.Method == HttpMethod.Put ? HttpStatusCode.OK : HttpStatusCode.Accepted,
    };

    public async Task InitializeAsync()
    {
        _cosmos = await Emulators.CosmosEndpointAsync();
        _blob = await Emulators.BlobEndpointAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        var settings = new Dictionary<string, string>
        {
            ["Sept:Hosting"] = "Azure",
            ["Sept:KernelHost"] = "Local",
            ["Sept:DataDirectory"] = _data.Path,
            ["Sept:Demo:Enabled"] = "false",
            ["Sept:Azure:ServiceBusNamespace"] = "sept-bus.servicebus.windows.net",
            ["Sept:Azure:SignalREndpoint"] = "https://sept.service.signalr.net",
            ["Sept:Azure:SignalRHub"] = "sept",
            ["Sept:Azure:SignalRAccessKey"] = "a-test-access-key-that-is-long-enough-for-hs256-signing",
            ["Sept:Azure:CosmosEndpoint"] = _cosmos,
            ["Sept:Azure:CosmosDatabase"] = $"sept-{_suffix}",
            ["Sept:Azure:SessionPoolEndpoint"] = "https://pool.test",
            ["Sept:Azure:BlobEndpoint"] = _blob,
            ["Sept:Azure:OutputsContainer"] = $"outputs-{_suffix}",
            ["Sept:Cosmos:Key"] = Emulators.CosmosKey,
            ["Sept:Cosmos:GatewayOnly"] = "true",
            ["Sept:Cosmos:CreateIfMissing"] = "true",
            ["Sept:Blob:AccountName"] = Emulators.BlobAccount,
            ["Sept:Blob:AccountKey"] = Emulators.BlobKey,
            ["Sept:Blob:CreateIfMissing"] = "true",
        };
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TokenCredential>(new StaticTokenCredential());
            services.AddKeyedSingleton(SeptAzureServiceCollectionExtensions.HttpClientKey, (_, _) => new HttpClient(Azure));
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Services.GetService<Microsoft.Azure.Cosmos.CosmosClient>() is { } cosmos)
            await cosmos.GetDatabase($"sept-{_suffix}").DeleteAsync();
        await DisposeAsync();
        _data.Dispose();
    }
}

public sealed class AzureHostingTests(AzureModeApplication app) : IClassFixture<AzureModeApplication>
{
    private readonly ApiClient _api = new(app.CreateClient());

    [Fact]
    public void Azure_hosting_selects_the_azure_adapters()
    {
        Assert.IsType<CosmosProjectStore>(app.Services.GetRequiredService<IProjectStore>());
        Assert.IsType<BlobOutputStore>(app.Services.GetRequiredService<IOutputStore>());
        Assert.IsType<ServiceBusRunQueue>(app.Services.GetRequiredService<Sept.Functions.Runs.IRunQueue>());
        Assert.IsType<SignalRServiceRealtime>(app.Services.GetRequiredService<IRealtime>());
    }

    [Fact]
    public async Task Negotiate_returns_the_service_url_and_a_client_token_and_joining_adds_the_connection_to_the_group()
    {
        var negotiate = await _api.Http.PostAsync("/api/negotiate", null);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        var info = (await negotiate.Content.ReadFromJsonAsync<NegotiateResponse>(ApiClient.Json))!;
        Assert.Equal("https://sept.service.signalr.net/client/?hub=sept", info.Url);
        Assert.Equal(3, info.AccessToken!.Split('.').Length);

        var project = await _api.CreateProjectAsync("joined");
        var join = await _api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/subscriptions", new { connectionId = "conn-7" });
        Assert.Equal(HttpStatusCode.NoContent, join.StatusCode);
        Assert.Contains(app.Azure.Requests, r => r.Method == HttpMethod.Put
            && r.Uri.AbsolutePath == $"/api/hubs/sept/groups/p_{project.Id}/connections/conn-7");
    }

    [Fact]
    public async Task A_run_goes_through_service_bus_and_its_delivery_runs_the_cell_against_cosmos()
    {
        var project = await _api.CreateProjectAsync("azure run");
        var cell = await _api.AddCellAsync(project.Id, "code", "Console.WriteLine(\"from azure mode\"); 6 * 7");
        var started = await _api.RunAsync(project.Id, "cell", cell.Id);

        var sent = Assert.Single(app.Azure.Requests, r => r.Uri.AbsolutePath == "/runs/messages");
        using var broker = JsonDocument.Parse(sent.Headers["BrokerProperties"]);
        Assert.Equal(project.Id, broker.RootElement.GetProperty("SessionId").GetString());
        Assert.Equal(started.RunId, broker.RootElement.GetProperty("MessageId").GetString());
        Assert.Equal("queued", (await _api.GetProjectAsync(project.Id)).Cells![0].State);

        var delivery = HostPayloads.ServiceBus(Encoding.UTF8.GetBytes(sent.Body), project.Id, started.RunId, 1);
        var response = await _api.Http.PostAsync("/runs", HostPayloads.Json(delivery));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = (await _api.GetProjectAsync(project.Id)).Cells![0];
        Assert.Equal("success", done.State);
        Assert.Equal("from azure mode\n", done.Outputs.OfType<StreamOutput>().Single().Text);
        Assert.Contains(app.Azure.Requests, r => r.Uri.AbsolutePath == $"/api/hubs/sept/groups/p_{project.Id}/:send"
            && r.Body.Contains("\"runFinished\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_uploaded_file_lands_in_blob_storage()
    {
        var project = await _api.CreateProjectAsync("upload");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("x,y\n1,2\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "points.csv");
        var upload = await _api.Http.PostAsync($"/api/projects/{project.Id}/files", form);
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());

        var stored = await app.Services.GetRequiredService<IOutputStore>().ListAsync(ProjectId.Parse(project.Id), "", default);
        var item = Assert.Single(stored);
        Assert.EndsWith("points.csv", item.Path);
        Assert.Equal("text/csv", item.ContentType);
    }
}

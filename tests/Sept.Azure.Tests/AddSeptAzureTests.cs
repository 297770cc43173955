using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sept.Azure.Http;
using Sept.Azure.ServiceBus;
using Sept.Azure.Sessions;
using Sept.Azure.SignalR;
using static Sept.Azure.Tests.FakeAzureService;

namespace Sept.Azure.Tests;

public sealed class AddSeptAzureTests : IClassFixture<FakeAzureService>
{
    readonly FakeAzureService _service;

    public AddSeptAzureTests(FakeAzureService service)
    {
        _service = service;
        _service.Reset();
    }

    static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sept.sln"))) dir = dir.Parent;
        return Path.Combine([dir?.FullName ?? throw new DirectoryNotFoundException("Sept.sln not found above the test output"), .. parts]);
    }

    static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>> settings, FakeTokenCredential credential)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSeptAzure(credential, new AzureRetryOptions(1, TimeSpan.FromMilliseconds(1)))
            .BuildServiceProvider();
    }

    /// <summary>App settings use "__" for ":" (Sept__Azure__RunsQueue is Sept:Azure:RunsQueue).</summary>
    static Dictionary<string, string?> AsConfiguration(IEnumerable<KeyValuePair<string, string>> appSettings) =>
        appSettings.ToDictionary(kv => kv.Key.Replace("__", ":"), kv => (string?)kv.Value);

    [Fact]
    public void The_local_settings_example_names_every_endpoint_setting_and_binds_cleanly()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoFile("functions", "Sept.Functions", "FunctionsHost", "local.settings.json.example")));
        var values = doc.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!.Replace("<", "x").Replace(">", "x"));

        using var provider = Build(AsConfiguration(values), new FakeTokenCredential());
        var options = provider.GetRequiredService<IOptions<AzureEndpointsOptions>>().Value;

        Assert.Empty(options.Problems());
        var properties = typeof(AzureEndpointsOptions).GetProperties().Select(p => p.Name).Where(n => n != nameof(AzureEndpointsOptions.SignalRAccessKey));
        Assert.All(properties, name => Assert.Contains($"Sept__Azure__{name}", values.Keys));
    }

    [Fact]
    public void Missing_settings_fail_with_the_app_setting_names_to_fix()
    {
        using var provider = Build([new("Sept:Azure:SignalREndpoint", "not a url"), new("Sept:Azure:RunsMaxDeliveryCount", "0")], new FakeTokenCredential());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AzureEndpointsOptions>>().Value);

        Assert.Contains("Sept__Azure__ServiceBusNamespace is missing.", error.Failures);
        Assert.Contains("Sept__Azure__SignalREndpoint must be an absolute http(s) URL, not 'not a url'.", error.Failures);
        Assert.Contains("Sept__Azure__SessionPoolEndpoint is missing.", error.Failures);
        Assert.Contains("Sept__Azure__RunsMaxDeliveryCount must be at least 1, not 0.", error.Failures);
    }

    [Fact]
    public async Task Registered_clients_use_the_configured_endpoints_and_credential()
    {
        _service.Reset(Reply(202));
        var credential = new FakeTokenCredential("di-token");
        var endpoint = _service.BaseUri.AbsoluteUri;
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Sept:Azure:ServiceBusNamespace"] = $"127.0.0.1:{_service.BaseUri.Port}",
            ["Sept:Azure:RunsQueue"] = "runs",
            ["Sept:Azure:SignalREndpoint"] = endpoint,
            ["Sept:Azure:SignalRHub"] = "sept",
            ["Sept:Azure:CosmosEndpoint"] = endpoint,
            ["Sept:Azure:CosmosDatabase"] = "sept",
            ["Sept:Azure:SessionPoolEndpoint"] = endpoint,
            ["Sept:Azure:BlobEndpoint"] = endpoint,
            ["Sept:Azure:OutputsContainer"] = "outputs",
        }, credential);

        var signalR = await provider.GetRequiredService<SignalRServiceRestClient>()
            .SendToGroupAsync("p_1", new SignalRMessage("projectChanged", []), null, CancellationToken.None);
        // ForNamespace builds https://<ns>/runs/messages; the fake speaks plain HTTP, so that call cannot connect.
        var serviceBus = await provider.GetRequiredService<ServiceBusRestSender>()
            .SendAsync(new ServiceBusMessage("p-1", "run-1", Encoding.UTF8.GetBytes("{}"), TimeSpan.FromMinutes(1), "run-cell"), CancellationToken.None);
        var sessions = provider.GetRequiredService<SessionPoolClient>();

        Assert.True(signalR.Succeeded, signalR.Error);
        var request = Assert.Single(_service.Requests);
        Assert.Equal("/api/hubs/sept/groups/p_1/:send?api-version=2022-06-01", request.PathAndQuery);
        Assert.Equal("Bearer di-token", request.Header("Authorization"));
        Assert.False(serviceBus.Succeeded);
        Assert.StartsWith($"Could not reach https://127.0.0.1:{_service.BaseUri.Port}/runs/messages", serviceBus.Error);
        Assert.Equal(
            ["https://signalr.azure.com/.default", "https://servicebus.azure.net/.default"],
            credential.Requests.Select(scopes => Assert.Single(scopes)));
        Assert.NotNull(sessions);
    }
}

using Microsoft.Extensions.Options;

namespace Sept.Azure;

/// <summary>
/// Where the Azure services are, bound from configuration section Sept:Azure (app settings Sept__Azure__*,
/// written by infra/src/functionapp.ts). Identity-based only: no keys or connection strings.
/// </summary>
public sealed class AzureEndpointsOptions
{
    public const string Section = "Sept:Azure";

    /// <summary>Fully qualified namespace, e.g. sept-bus.servicebus.windows.net.</summary>
    public string ServiceBusNamespace { get; set; } = "";

    public string RunsQueue { get; set; } = "runs";

    /// <summary>The queue's maxDeliveryCount: a failed delivery with this DeliveryCount is dead-lettered (telemetry counts it).</summary>
    public int RunsMaxDeliveryCount { get; set; } = 5;

    /// <summary>https://&lt;name&gt;.service.signalr.net</summary>
    public string SignalREndpoint { get; set; } = "";

    public string SignalRHub { get; set; } = "sept";

    /// <summary>Optional access key (local auth on): signs JWTs locally instead of using Entra ID.</summary>
    public string? SignalRAccessKey { get; set; }

    public string CosmosEndpoint { get; set; } = "";

    public string CosmosDatabase { get; set; } = "sept";

    /// <summary>The session pool's poolManagementEndpoint.</summary>
    public string SessionPoolEndpoint { get; set; } = "";

    public string BlobEndpoint { get; set; } = "";

    public string OutputsContainer { get; set; } = "outputs";

    /// <summary>Every missing or malformed setting, named as the app setting to fix.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Require(string name, string value, bool url)
        {
            if (string.IsNullOrWhiteSpace(value)) problems.Add($"Sept__Azure__{name} is missing.");
            else if (url && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
                problems.Add($"Sept__Azure__{name} must be an absolute http(s) URL, not '{value}'.");
        }
        Require(nameof(ServiceBusNamespace), ServiceBusNamespace, url: false);
        Require(nameof(RunsQueue), RunsQueue, url: false);
        if (RunsMaxDeliveryCount < 1) problems.Add($"Sept__Azure__{nameof(RunsMaxDeliveryCount)} must be at least 1, not {RunsMaxDeliveryCount}.");
        Require(nameof(SignalREndpoint), SignalREndpoint, url: true);
        Require(nameof(SignalRHub), SignalRHub, url: false);
        Require(nameof(CosmosEndpoint), CosmosEndpoint, url: true);
        Require(nameof(CosmosDatabase), CosmosDatabase, url: false);
        Require(nameof(SessionPoolEndpoint), SessionPoolEndpoint, url: true);
        Require(nameof(BlobEndpoint), BlobEndpoint, url: true);
        Require(nameof(OutputsContainer), OutputsContainer, url: false);
        return problems;
    }
}

/// <summary>Fails startup with the list of settings to fix, rather than the first Azure call.</summary>
internal sealed class AzureEndpointsOptionsValidator : IValidateOptions<AzureEndpointsOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureEndpointsOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}

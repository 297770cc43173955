using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Sept.Azure.Http;

namespace Sept.Azure.ServiceBus;

/// <summary>Where messages go: https://&lt;ns&gt;.servicebus.windows.net/ and a queue name.</summary>
public sealed record ServiceBusQueueAddress(Uri NamespaceEndpoint, string Queue)
{
    public static ServiceBusQueueAddress ForNamespace(string fullyQualifiedNamespace, string queue) =>
        new(new Uri($"https://{fullyQualifiedNamespace}/"), queue);

    internal Uri MessagesUri => new(NamespaceEndpoint, $"{Uri.EscapeDataString(Queue)}/messages?timeout=60");
}

/// <summary>
/// Sends to a Service Bus queue through the REST API (POST {queue}/messages, BrokerProperties header) with an
/// Entra token. 429, 408 and 5xx are retried with backoff; duplicate detection on MessageId makes a retry safe.
/// </summary>
public sealed class ServiceBusRestSender
{
    public const string Scope = "https://servicebus.azure.net/.default";

    /// <summary>Standard tier's message size limit.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    const int MaxIdLength = 128;
    readonly ServiceBusQueueAddress _address;
    readonly AzureRestChannel _channel;

    public ServiceBusRestSender(HttpClient http, TokenCredential credential, ServiceBusQueueAddress address, AzureRetryOptions? retry = null)
    {
        _address = address;
        _channel = AzureRestChannel.WithToken(http, new AccessTokenSource(credential, Scope), retry);
    }

    public async Task<AzureCallResult> SendAsync(ServiceBusMessage message, CancellationToken cancellationToken)
    {
        if (Validate(message) is { } invalid) return AzureCallResult.Invalid(invalid);
        var brokerProperties = BrokerProperties(message);
        var sent = await _channel.SendAsync(HttpMethod.Post, _address.MessagesUri,
            () => new ReadOnlyMemoryContent(message.Body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(message.ContentType) } },
            headers => headers.TryAddWithoutValidation("BrokerProperties", brokerProperties),
            cancellationToken).ConfigureAwait(false);
        if (sent.Unreachable is { } unreachable) return unreachable;

        using var response = sent.Message!;
        if (response.StatusCode == HttpStatusCode.Created) return AzureCallResult.Ok(response.StatusCode);
        return await ErrorText.FailureAsync($"Service Bus queue '{_address.Queue}'", response, Meaning(response.StatusCode), cancellationToken)
            .ConfigureAwait(false);
    }

    static string? Validate(ServiceBusMessage message)
    {
        if (string.IsNullOrEmpty(message.SessionId) || message.SessionId.Length > MaxIdLength)
            return $"SessionId must be 1–{MaxIdLength} characters (session queues reject messages without one).";
        if (string.IsNullOrEmpty(message.MessageId) || message.MessageId.Length > MaxIdLength)
            return $"MessageId must be 1–{MaxIdLength} characters (it is the duplicate-detection key).";
        if (message.TimeToLive <= TimeSpan.Zero) return "TimeToLive must be positive.";
        if (message.Body.Length > MaxMessageBytes)
            return $"Message body is {message.Body.Length} bytes; Service Bus Standard accepts at most {MaxMessageBytes}.";
        return null;
    }

    internal static string BrokerProperties(ServiceBusMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("SessionId", message.SessionId);
            json.WriteString("MessageId", message.MessageId);
            json.WriteNumber("TimeToLive", (long)Math.Ceiling(message.TimeToLive.TotalSeconds));
            json.WriteString("Label", message.Label);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static string? Meaning(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "the message or its BrokerProperties were rejected",
        HttpStatusCode.Gone => "the queue does not exist",
        HttpStatusCode.Forbidden => "the identity lacks 'Azure Service Bus Data Sender', or the queue quota or message size was exceeded",
        _ => ErrorText.CommonMeaning(status, "Azure Service Bus Data Sender"),
    };
}

using System.Text.Json;

namespace Sept.Azure.Functions;

/// <summary>
/// Decodes the invocation payloads the Functions host POSTs to a custom handler for non-HTTP triggers:
/// {"Data": {"&lt;binding&gt;": value}, "Metadata": {"&lt;key&gt;": value, "sys": {...}}}.
/// </summary>
public static class FunctionsInvocation
{
    public static Decoded<ServiceBusDelivery> ParseServiceBusTrigger(ReadOnlyMemory<byte> payload, string bindingName = "msg") =>
        WithRoot(payload, root => ParseServiceBusTrigger(root, bindingName));

    public static Decoded<ServiceBusDelivery> ParseServiceBusTrigger(JsonElement root, string bindingName = "msg")
    {
        if (!InvocationValues.TryGet(root, "Data", out var data) || !InvocationValues.TryGet(data, bindingName, out var body))
            return Decoded<ServiceBusDelivery>.Invalid($"Invocation payload has no Data.{bindingName}.");
        InvocationValues.TryGet(root, "Metadata", out var metadata);

        var properties = InvocationValues.Object(metadata, "ApplicationProperties") ?? InvocationValues.Object(metadata, "UserProperties");
        return Decoded<ServiceBusDelivery>.Ok(new ServiceBusDelivery(
            Body: InvocationValues.Body(body),
            SessionId: InvocationValues.String(metadata, "SessionId"),
            MessageId: InvocationValues.String(metadata, "MessageId"),
            DeliveryCount: InvocationValues.Int(metadata, "DeliveryCount") ?? 1,
            Subject: InvocationValues.String(metadata, "Subject") ?? InvocationValues.String(metadata, "Label"),
            CorrelationId: InvocationValues.String(metadata, "CorrelationId"),
            ContentType: InvocationValues.String(metadata, "ContentType"),
            EnqueuedTimeUtc: InvocationValues.Time(metadata, "EnqueuedTimeUtc") ?? InvocationValues.Time(metadata, "EnqueuedTime"),
            ApplicationProperties: properties is { } p
                ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.Clone())
                : new Dictionary<string, JsonElement>(),
            InvocationMethodName: InvocationValues.Object(metadata, "sys") is { } sys ? InvocationValues.String(sys, "MethodName") : null));
    }

    public static Decoded<TimerTick> ParseTimerTrigger(ReadOnlyMemory<byte> payload, string bindingName = "timer") =>
        WithRoot(payload, root =>
            InvocationValues.TryGet(root, "Data", out var data) && InvocationValues.Object(data, bindingName) is { } timer
                ? Decoded<TimerTick>.Ok(new TimerTick(InvocationValues.Bool(timer, "IsPastDue") ?? false))
                : Decoded<TimerTick>.Invalid($"Invocation payload has no Data.{bindingName} object."));

    static Decoded<T> WithRoot<T>(ReadOnlyMemory<byte> payload, Func<JsonElement, Decoded<T>> parse) where T : class
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? parse(doc.RootElement)
                : Decoded<T>.Invalid("Invocation payload must be a JSON object.");
        }
        catch (JsonException e)
        {
            return Decoded<T>.Invalid($"Invocation payload is not JSON: {e.Message}");
        }
    }
}

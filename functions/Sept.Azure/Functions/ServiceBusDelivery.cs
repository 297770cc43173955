using System.Text.Json;

namespace Sept.Azure.Functions;

/// <summary>
/// One Service Bus message as a custom handler receives it (POST /{function} payload, Data + Metadata).
/// DeliveryCount starts at 1 and grows on each redelivery; after the queue's maxDeliveryCount it is dead-lettered.
/// </summary>
public sealed record ServiceBusDelivery(
    ReadOnlyMemory<byte> Body,
    string? SessionId,
    string? MessageId,
    int DeliveryCount,
    string? Subject,
    string? CorrelationId,
    string? ContentType,
    DateTimeOffset? EnqueuedTimeUtc,
    IReadOnlyDictionary<string, JsonElement> ApplicationProperties,
    string? InvocationMethodName);

/// <summary>One timer firing. IsPastDue is true when the host missed the schedule (a cold start, a recycle).</summary>
public sealed record TimerTick(bool IsPastDue);

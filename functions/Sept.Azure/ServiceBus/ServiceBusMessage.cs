namespace Sept.Azure.ServiceBus;

/// <summary>
/// One message for a session queue. <paramref name="SessionId"/> orders and serialises delivery (the project id);
/// <paramref name="MessageId"/> is the duplicate-detection key (the run id), so a resend within the window is dropped.
/// </summary>
public sealed record ServiceBusMessage(
    string SessionId,
    string MessageId,
    ReadOnlyMemory<byte> Body,
    TimeSpan TimeToLive,
    string Label,
    string ContentType = "application/json");

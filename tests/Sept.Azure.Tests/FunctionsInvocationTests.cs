using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sept.Azure.Functions;

namespace Sept.Azure.Tests;

/// <summary>
/// Payloads as the Functions host writes them (Json.NET): byte[] as base64, strings serialised twice,
/// numbers as strings, dictionaries as objects.
/// </summary>
public sealed class FunctionsInvocationTests
{
    const string RunJson = """{"runId":"r-1","cellIds":["c1"]}""";

    // dataType "binary": the body is base64; metadata strings are JSON-encoded twice, DeliveryCount is "2".
    static readonly string BinaryPayload = $$"""
        {
          "Data": { "msg": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes(RunJson))}}" },
          "Metadata": {
            "DeliveryCount": "2",
            "SessionId": "\"p-7d2c\"",
            "MessageId": "\"run-r-1\"",
            "ContentType": "\"application/json\"",
            "Subject": "\"run-cell\"",
            "Label": "\"run-cell\"",
            "CorrelationId": "\"corr-9\"",
            "EnqueuedTimeUtc": "\"2026-11-23T14:00:00Z\"",
            "ExpiresAtUtc": "\"2026-11-23T15:00:00Z\"",
            "SequenceNumber": "17",
            "LockToken": "\"6b1c0f6e-0000-0000-0000-000000000000\"",
            "ApplicationProperties": { "kind": "run", "attempt": 1 },
            "UserProperties": { "kind": "run", "attempt": 1 },
            "MessageActions": {},
            "SessionActions": {},
            "sys": { "MethodName": "runs", "UtcNow": "2026-11-23T14:00:01Z", "RandGuid": "0f8fad5b-d9cb-469f-a165-70867728950e" }
          }
        }
        """;

    [Fact]
    public void A_binary_service_bus_delivery_decodes_body_and_double_encoded_metadata()
    {
        var decoded = FunctionsInvocation.ParseServiceBusTrigger(Encoding.UTF8.GetBytes(BinaryPayload));

        Assert.True(decoded.IsValid, decoded.Error);
        var d = decoded.Value!;
        Assert.Equal(RunJson, Encoding.UTF8.GetString(d.Body.Span));
        Assert.Equal("p-7d2c", d.SessionId);
        Assert.Equal("run-r-1", d.MessageId);
        Assert.Equal(2, d.DeliveryCount);
        Assert.Equal("run-cell", d.Subject);
        Assert.Equal("corr-9", d.CorrelationId);
        Assert.Equal("application/json", d.ContentType);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero), d.EnqueuedTimeUtc);
        Assert.Equal("run", d.ApplicationProperties["kind"].GetString());
        Assert.Equal(1, d.ApplicationProperties["attempt"].GetInt32());
        Assert.Equal("runs", d.InvocationMethodName);
    }

    [Fact]
    public void A_string_body_serialised_twice_is_unwrapped_to_the_original_json()
    {
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { ["msg"] = JsonSerializer.Serialize(RunJson) },
            ["Metadata"] = new JsonObject { ["SessionId"] = "\"p-1\"", ["DeliveryCount"] = "1" },
        }.ToJsonString();

        var decoded = FunctionsInvocation.ParseServiceBusTrigger(Encoding.UTF8.GetBytes(payload));

        Assert.Equal(RunJson, Encoding.UTF8.GetString(decoded.Value!.Body.Span));
        Assert.Equal("p-1", decoded.Value.SessionId);
    }

    [Fact]
    public void An_object_body_is_taken_as_its_json_text_and_plain_metadata_is_accepted_too()
    {
        var payload = $$$"""{"Data":{"msg":{{{RunJson}}}},"Metadata":{"SessionId":"p-2","DeliveryCount":3}}""";

        var decoded = FunctionsInvocation.ParseServiceBusTrigger(Encoding.UTF8.GetBytes(payload));

        using var body = JsonDocument.Parse(decoded.Value!.Body);
        Assert.Equal("r-1", body.RootElement.GetProperty("runId").GetString());
        Assert.Equal("p-2", decoded.Value.SessionId);
        Assert.Equal(3, decoded.Value.DeliveryCount);
        Assert.Empty(decoded.Value.ApplicationProperties);
    }

    [Fact]
    public void The_binding_name_selects_the_data_entry()
    {
        var payload = $$$"""{"Data":{"run":"{{{Convert.ToBase64String("x"u8.ToArray())}}}"},"Metadata":{}}""";

        Assert.False(FunctionsInvocation.ParseServiceBusTrigger(Encoding.UTF8.GetBytes(payload)).IsValid);
        var decoded = FunctionsInvocation.ParseServiceBusTrigger(Encoding.UTF8.GetBytes(payload), "run");
        Assert.Equal("x", Encoding.UTF8.GetString(decoded.Value!.Body.Span));
        Assert.Equal(1, decoded.Value.DeliveryCount);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("""{"Metadata":{}}""", "Data.msg")]
    public void Malformed_payloads_are_invalid_with_a_reason(string payload, string reason)
    {
        var decoded = FunctionsInvocation.ParseServiceBusTrigger(Encoding.UTF8.GetBytes(payload));

        Assert.False(decoded.IsValid);
        Assert.Null(decoded.Value);
        Assert.Contains(reason, decoded.Error);
    }

    [Fact]
    public void A_timer_payload_reports_whether_the_tick_is_past_due()
    {
        const string payload = """
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":true}},
             "Metadata":{"sys":{"MethodName":"sweep","UtcNow":"2026-11-23T14:01:00Z","RandGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}}}
            """;

        var decoded = FunctionsInvocation.ParseTimerTrigger(Encoding.UTF8.GetBytes(payload));

        Assert.True(decoded.IsValid, decoded.Error);
        Assert.True(decoded.Value!.IsPastDue);
        Assert.False(FunctionsInvocation.ParseTimerTrigger("""{"Data":{}}"""u8.ToArray()).IsValid);
    }

    [Fact]
    public void The_response_always_has_outputs_logs_and_return_value()
    {
        var json = new InvocationResponse().Log("run r-1 finished").ReturnValue(JsonValue.Create("done")).ToJson();

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(["run r-1 finished"], doc.RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("done", doc.RootElement.GetProperty("ReturnValue").GetString());
        using var empty = JsonDocument.Parse(new InvocationResponse().ToJson());
        Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("ReturnValue").ValueKind);
        Assert.Equal(0, empty.RootElement.GetProperty("Logs").GetArrayLength());
    }

    [Fact]
    public void An_http_output_carries_all_four_fields_the_host_requires()
    {
        var json = new InvocationResponse()
            .HttpOutput("res", 202, """{"runId":"r-1"}""", new Dictionary<string, string> { ["Content-Type"] = "application/json" })
            .ToJson();

        using var doc = JsonDocument.Parse(json);
        var res = doc.RootElement.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(["StatusCode", "Status", "Body", "Headers"], res.EnumerateObject().Select(p => p.Name));
        Assert.Equal("202", res.GetProperty("StatusCode").GetString());
        Assert.Equal("202", res.GetProperty("Status").GetString());
        Assert.Equal("""{"runId":"r-1"}""", res.GetProperty("Body").GetString());
        Assert.Equal("application/json", res.GetProperty("Headers").GetProperty("Content-Type").GetString());
        var noHeaders = JsonDocument.Parse(new InvocationResponse().HttpOutput("res", 500, "").ToJson());
        Assert.Equal(JsonValueKind.Object, noHeaders.RootElement.GetProperty("Outputs").GetProperty("res").GetProperty("Headers").ValueKind);
    }
}

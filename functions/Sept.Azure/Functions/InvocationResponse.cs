using System.Text.Json.Nodes;

namespace Sept.Azure.Functions;

/// <summary>
/// The custom handler's reply to a non-HTTP invocation: {"Outputs": {...}, "Logs": [...], "ReturnValue": ...}.
/// Reply 2xx even for business errors: a non-2xx fails the invocation, which abandons the message for redelivery.
/// </summary>
public sealed class InvocationResponse
{
    readonly JsonObject _outputs = [];
    readonly JsonArray _logs = [];
    JsonNode? _returnValue;

    /// <summary>Adds a line to the invocation log (Information level in the host).</summary>
    public InvocationResponse Log(string line)
    {
        _logs.Add(line);
        return this;
    }

    public InvocationResponse Output(string bindingName, JsonNode? value)
    {
        _outputs[bindingName] = value;
        return this;
    }

    /// <summary>A named http output binding: the host requires StatusCode, Status, Body and Headers all present.</summary>
    public InvocationResponse HttpOutput(string bindingName, int statusCode, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        var headerObject = new JsonObject();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) headerObject[name] = value;
        var code = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Output(bindingName, new JsonObject
        {
            ["StatusCode"] = code,
            ["Status"] = code,
            ["Body"] = body,
            ["Headers"] = headerObject,
        });
    }

    public InvocationResponse ReturnValue(JsonNode? value)
    {
        _returnValue = value;
        return this;
    }

    public string ToJson() => new JsonObject
    {
        ["Outputs"] = _outputs.DeepClone(),
        ["Logs"] = _logs.DeepClone(),
        ["ReturnValue"] = _returnValue?.DeepClone(),
    }.ToJsonString();
}

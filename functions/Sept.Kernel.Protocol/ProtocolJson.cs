using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sept.Kernel.Protocol;

/// <summary>Source-generated camelCase serialisation for every wire record.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecuteRequest))]
[JsonSerializable(typeof(ForgetRequest))]
[JsonSerializable(typeof(KernelEvent))]
[JsonSerializable(typeof(KernelStatus))]
[JsonSerializable(typeof(InterruptResponse))]
[JsonSerializable(typeof(TablePage))]
[JsonSerializable(typeof(ValuesRequest))]
[JsonSerializable(typeof(ValuesResponse))]
public sealed partial class ProtocolJson : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sept.Functions.Storage;

/// <summary>One output of a cell run, as shown to clients and kept in the store.
/// Large payloads live in the output store: <see cref="FullOutput"/> points at them.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StreamOutput), "stream")]
[JsonDerivedType(typeof(DisplayOutput), "display")]
[JsonDerivedType(typeof(ErrorOutput), "error")]
public abstract record CellOutput;

public sealed record StreamOutput(string Name, string Text, FullOutput? Full = null) : CellOutput;

public sealed record DisplayOutput(IReadOnlyDictionary<string, JsonElement> Data, FullOutput? Full = null) : CellOutput;

public sealed record ErrorOutput(string Ename, string Message, int? Line = null, int? Column = null) : CellOutput;

/// <summary>Where the untruncated output lives: <paramref name="Url"/> is an app URL that streams it.</summary>
public sealed record FullOutput(string Url, long Size);

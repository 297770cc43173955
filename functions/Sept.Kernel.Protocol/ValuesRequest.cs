using System.Text.Json;

namespace Sept.Kernel.Protocol;

/// <summary>Read notebook values by binding (POST /kernel/values): the app asks for the values of a connection SQL
/// cell's <c>{name}</c> placeholders, runs the query against the target database itself and hands the rows back in an
/// <see cref="ExecuteRequest"/> (docs/kernel.md, "Connection SQL cells").</summary>
/// <param name="Bindings">For each user name: the id of the cell whose definition it binds to.</param>
public sealed record ValuesRequest(IReadOnlyDictionary<string, string> Bindings);

/// <summary>The scalar values that could be read, and a readable reason for each name that could not (no value
/// yet, a collection, a type with no wire form).</summary>
public sealed record ValuesResponse(IReadOnlyDictionary<string, WireValue> Values, IReadOnlyDictionary<string, string> Errors);

/// <summary>A value with its <see cref="WireTypes"/> name; <paramref name="Value"/> is its JSON form (null for null).</summary>
public sealed record WireValue(string Type, JsonElement Value);

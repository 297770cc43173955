using System.Text.Json;

namespace Sept.Kernel.Protocol;

/// <summary>Run one cell. Sent as JSON to POST /kernel/execute; the answer is an NDJSON stream of
/// <see cref="KernelEvent"/>s ending with <see cref="FinishedEvent"/>.</summary>
/// <param name="RunId">The app's run id, echoed on every event.</param>
/// <param name="CellId">The cell's id (32 hex digits); the kernel keys the cell's definitions on it.</param>
/// <param name="Kind">code | sql | markdown | input | chart.</param>
/// <param name="Source">The cell's text as the user wrote it.</param>
/// <param name="Bindings">For each name the cell reads: the id of the cell whose definition it binds to (nearest earlier writer).</param>
/// <param name="Config">Kind-specific settings (sql: resultName; input: name, type, value; chart: data, mark, x, y, color, aggregate).</param>
/// <param name="Generation">Fencing token: the kernel refuses requests older than the newest generation it has seen.</param>
/// <param name="TimeoutMs">Per-cell time limit; null for the kernel's default.</param>
public sealed record ExecuteRequest(
    string RunId,
    string CellId,
    string Kind,
    string Source,
    IReadOnlyDictionary<string, string> Bindings,
    JsonElement? Config = null,
    long Generation = 0,
    int? TimeoutMs = null);

/// <summary>Drop the definitions of deleted cells. POST /kernel/forget.</summary>
public sealed record ForgetRequest(IReadOnlyList<string> CellIds);

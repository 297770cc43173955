namespace Sept.Kernel.Protocol;

/// <summary>GET /kernel/status. Status: idle | busy. CompileCount counts Roslyn compiles; a cell re-run from the
/// compile-once cache does not add one.</summary>
public sealed record KernelStatus(
    string Status,
    string? CurrentRunId,
    string? CurrentCellId,
    int ExecutionCount,
    int SubmissionCount,
    long WorkingSetBytes,
    bool Warm,
    int ProcessId,
    int CompileCount = 0);

/// <summary>POST /kernel/interrupt. WasRunning is false when the kernel was idle.</summary>
public sealed record InterruptResponse(bool WasRunning, string? RunId);

/// <summary>One column of a table output.</summary>
public sealed record TableColumn(string Name, string Type);

/// <summary>GET /kernel/table?cellId=&amp;offset=&amp;limit=: a page of the table a cell displayed last.
/// Each row is an array of JSON values in column order.</summary>
public sealed record TablePage(
    string CellId,
    IReadOnlyList<TableColumn> Columns,
    IReadOnlyList<System.Text.Json.JsonElement> Rows,
    int Offset,
    int TotalRows);

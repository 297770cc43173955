using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Sept.Functions.Kernels;
using Sept.Functions.Storage;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Connections;

/// <summary>Runs a SQL cell whose config names a connection (<c>{"connection":"warehouse","resultName":"df"}</c>).
/// The channel keeps the credential in the app: (1) the kernel is asked for the values of the cell's <c>{name}</c>
/// placeholders only (POST /kernel/values); (2) the app decrypts the password and runs the query on the target with
/// those values as server-side parameters, at most MaxRows rows, cancellable by interrupt; (3) the rows go to the
/// kernel in the execute request's config.result, where they become the result variable and table like a DuckDB
/// result. Kernel code therefore never sees a connection string, and a sandboxed kernel needs no network.</summary>
public sealed class ConnectionCells(
    IConnectionStore connections, IProjectStore projects, ConnectionQueries queries, ConnectionRuns runs, IKernelHost kernels,
    Microsoft.Extensions.Options.IOptions<ConnectionOptions> options)
{
    /// <summary>The connection a SQL cell runs on; null for the kernel's DuckDB.</summary>
    public static string? ConnectionOf(CellRecord cell) =>
        cell.Kind == CellKind.Sql && cell.Config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("connection", out var v)
            && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()
            : null;

    public async IAsyncEnumerable<KernelEvent> ExecuteAsync(
        ProjectId projectId, ExecuteRequest request, string connectionName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        yield return new StartedEvent(request.RunId, request.CellId);
        var (result, failure) = await QueryAsync(projectId, request, connectionName, cancellationToken);
        if (failure is not null)
        {
            yield return new ErrorEvent(request.RunId, request.CellId, failure.Value.Ename, failure.Value.Message);
            yield return new FinishedEvent(request.RunId, request.CellId,
                failure.Value.Ename == "Interrupted" ? RunStatus.Cancelled : RunStatus.Error, watch.Elapsed.TotalMilliseconds);
            yield break;
        }
        await foreach (var kernelEvent in kernels.ExecuteAsync(projectId, request with { Config = WithResult(request.Config, result!) }, cancellationToken))
        {
            if (kernelEvent is FinishedEvent && result!.Truncated)
                yield return new StreamEvent(request.RunId, request.CellId, StreamNames.Stderr,
                    $"[showing the first {options.Value.MaxRows:N0} rows; the query returned more (Sept:Connections:MaxRows)]\n");
            yield return kernelEvent;
        }
    }

    private async Task<(QueryResult? Result, (string Ename, string Message)? Failure)> QueryAsync(
        ProjectId projectId, ExecuteRequest request, string connectionName, CancellationToken cancellationToken)
    {
        if (await projects.GetProjectAsync(projectId, cancellationToken) is not { } project) return (null, ("ConnectionError", "The project is gone."));
        if (await connections.FindByNameAsync(project.WorkspaceId, connectionName, cancellationToken) is not { } connection)
            return (null, ("ConnectionError", $"This workspace has no connection named '{connectionName}'."));
        var (sql, names) = ConnectionSql.Rewrite(request.Source, queries.Dialect(connection.Provider));
        var missing = names.FirstOrDefault(n => !request.Bindings.ContainsKey(n));
        if (missing is not null) return (null, ("NameError", $"'{missing}' is not defined by any cell above this one."));
        var parameters = new List<object?>();
        if (names.Count > 0)
        {
            var values = await kernels.ReadValuesAsync(projectId, names.ToDictionary(n => n, n => request.Bindings[n]), cancellationToken);
            foreach (var name in names)
            {
                if (values.Errors.TryGetValue(name, out var error)) return (null, (error.Contains("collection", StringComparison.Ordinal) ? "SqlError" : "NameError", error));
                var wire = values.Values[name];
                parameters.Add(WireTypes.TypeOf(wire.Type) is { } type ? WireTypes.Read(wire.Value, type) : null);
            }
        }
        using var running = runs.Start(projectId, cancellationToken);
        try
        {
            return (await queries.QueryAsync(connection, sql, parameters, running.Token), null);
        }
        catch (OperationCanceledException) when (running.Interrupted && !cancellationToken.IsCancellationRequested)
        {
            return (null, ("Interrupted", "The query was cancelled on the server."));
        }
        catch (ConnectionFailed e)
        {
            return (null, ("SqlError", e.Message));
        }
        catch (ConnectionSecretLost e)
        {
            return (null, ("ConnectionError", e.Message));
        }
    }

    /// <summary>The cell's config plus result {columns, rows} in <see cref="WireTypes"/> form.</summary>
    public static JsonElement WithResult(JsonElement? config, QueryResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (config is { ValueKind: JsonValueKind.Object } c)
                foreach (var property in c.EnumerateObject().Where(p => p.Name != "result")) property.WriteTo(json);
            json.WriteStartObject("result");
            json.WriteStartArray("columns");
            foreach (var column in result.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteString("type", column.Type);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var row in result.Rows)
            {
                json.WriteStartArray();
                foreach (var value in row) WireTypes.Write(json, value);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}

using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Sept.Kernel.Protocol;

namespace Sept.Functions.Connections;

public sealed record QueryColumn(string Name, string Type);

/// <summary>A connection query's rows (at most MaxRows; <paramref name="Truncated"/> when there were more), with
/// column types as <see cref="WireTypes"/> names. Values of types with no wire form are kept as their text.</summary>
public sealed record QueryResult(IReadOnlyList<QueryColumn> Columns, IReadOnlyList<object?[]> Rows, bool Truncated);

/// <summary>A failed connect or query, with a message fit for the user (redacted of the password).</summary>
public sealed class ConnectionFailed(string message, Exception inner) : Exception(message, inner);

/// <summary>Runs queries against a connection's database in the app (kernels never get the credentials). Cancelling
/// the token cancels the statement on the server (Npgsql sends a cancel request, SqlClient an attention, MySqlConnector
/// KILL QUERY).</summary>
public sealed class ConnectionQueries(IEnumerable<IConnectionDialect> dialects, ConnectionSecrets secrets, IOptions<ConnectionOptions> options)
{
    public IConnectionDialect Dialect(ConnectionProvider provider) => dialects.Single(d => d.Provider == provider);

    public async Task<QueryResult> QueryAsync(
        ConnectionRecord connection, string sql, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        var dialect = Dialect(connection.Provider);
        var password = secrets.Unprotect(connection);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.QueryTimeoutSeconds));
        try
        {
            await using var db = await OpenAsync(dialect, connection, password, timeout.Token);
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters.Count; i++) command.Parameters.Add(dialect.Parameter(i, parameters[i]));
            await using var reader = await command.ExecuteReaderAsync(timeout.Token);
            return await ReadAsync(dialect, reader, options.Value.MaxRows, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new ConnectionFailed($"The query ran longer than {options.Value.QueryTimeoutSeconds} s and was cancelled (Sept:Connections:QueryTimeoutSeconds).",
                new TimeoutException());
        }
        catch (Exception e) when (Failure(dialect, e, password, cancellationToken) is { } failed)
        {
            throw failed;
        }
    }

    /// <summary>Connects and asks the server for its version; <see cref="ConnectionFailed"/> says why not.</summary>
    public async Task<(string ServerVersion, double ElapsedMs)> TestAsync(ConnectionRecord connection, string? password, CancellationToken cancellationToken)
    {
        var dialect = Dialect(connection.Provider);
        var watch = Stopwatch.StartNew();
        try
        {
            await using var db = await OpenAsync(dialect, connection, password, cancellationToken);
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return (db.ServerVersion, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (Failure(dialect, e, password, cancellationToken) is { } failed)
        {
            throw failed;
        }
    }

    public string? PasswordOf(ConnectionRecord connection) => secrets.Unprotect(connection);

    private async Task<DbConnection> OpenAsync(IConnectionDialect dialect, ConnectionRecord connection, string? password, CancellationToken cancellationToken)
    {
        var db = dialect.Create(connection, password, TimeSpan.FromSeconds(options.Value.ConnectTimeoutSeconds));
        try
        {
            await db.OpenAsync(cancellationToken);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static async Task<QueryResult> ReadAsync(IConnectionDialect dialect, DbDataReader reader, int maxRows, CancellationToken cancellationToken)
    {
        // The last result set wins, as in DuckDB cells.
        QueryResult result = new([], [], false);
        do
        {
            if (reader.FieldCount == 0) continue;
            var types = Enumerable.Range(0, reader.FieldCount).Select(i => dialect.ColumnType(reader, i)).ToArray();
            var wire = types.Select(t => WireTypes.NameOf(t)).ToArray();
            var columns = types.Select((_, i) => new QueryColumn(reader.GetName(i), wire[i] ?? "string")).ToList();
            var rows = new List<object?[]>();
            var truncated = false;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.Count == maxRows) { truncated = true; break; }
                var row = new object?[types.Length];
                for (var i = 0; i < row.Length; i++)
                {
                    if (await reader.IsDBNullAsync(i, cancellationToken)) continue;
                    var value = dialect.Read(reader, i, types[i]);
                    row[i] = wire[i] is null ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : value;
                }
                rows.Add(row);
            }
            result = new QueryResult(columns, rows, truncated);
            if (truncated) break;
        }
        while (await reader.NextResultAsync(cancellationToken));
        return result;
    }

    // Driver errors become ConnectionFailed with a readable, redacted message; cancellation and our own errors pass.
    private static ConnectionFailed? Failure(IConnectionDialect dialect, Exception e, string? password, CancellationToken cancellationToken)
    {
        if (e is ConnectionFailed or ConnectionSecretLost || (e is OperationCanceledException && cancellationToken.IsCancellationRequested)) return null;
        if (e is not (DbException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException or OperationCanceledException or ArgumentException)) return null;
        var message = dialect.Describe(e) ?? e.Message;
        return new ConnectionFailed(Redact(message, password), e);
    }

    public static string Redact(string message, string? password) =>
        string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
}

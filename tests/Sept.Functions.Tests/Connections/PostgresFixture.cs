using System.Diagnostics;
using Npgsql;

namespace Sept.Functions.Tests.Connections;

/// <summary>A real PostgreSQL: SEPT_TEST_POSTGRES (the superuser connection string scripts/test exports), or a
/// throwaway cluster this fixture starts with scripts/lib/postgres.sh. Creates database "shop" with table orders
/// (numeric, timestamptz, jsonb, arrays, nulls) readable by the login role "analyst", and table salaries, which
/// analyst may not read.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private string? _ownCluster;

    public string AdminConnectionString { get; private set; } = "";

    public string Host { get; private set; } = "";

    public int Port { get; private set; }

    public string Database { get; } = $"shop_{Guid.NewGuid():N}"[..13];

    public string AnalystUser { get; } = $"analyst_{Guid.NewGuid():N}"[..16];

    public string AnalystPassword { get; } = $"pw-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        AdminConnectionString = Environment.GetEnvironmentVariable("SEPT_TEST_POSTGRES") is { Length: > 0 } given ? given : await StartClusterAsync();
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        (Host, Port) = (builder.Host!, builder.Port);
        await ExecuteAsync(AdminConnectionString, $"CREATE ROLE {AnalystUser} LOGIN PASSWORD '{AnalystPassword}'");
        // CREATE DATABASE may not share a batch with other statements.
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {Database}");
        await ExecuteAsync(DatabaseAdmin, $$"""
            CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, total numeric(12,2) NOT NULL, placed_at timestamptz NOT NULL,
                details jsonb, tags text[], scores int[], note text);
            INSERT INTO orders VALUES
                (1, 'ada', 12.50, '2026-01-02 03:04:05.123456+00', '{"vip": true}', '{a,b}', '{1,2}', NULL),
                (2, 'bob', 99.99, '2026-02-03 10:00:00+02', NULL, '{}', '{3,NULL}', 'rush'),
                (3, 'cy', 250.00, '2026-03-04 23:59:59+00', '[1, 2]', NULL, NULL, NULL);
            CREATE TABLE salaries (name text, amount int);
            INSERT INTO salaries VALUES ('ada', 100);
            GRANT SELECT ON orders TO {{AnalystUser}};
            """);
    }

    public string DatabaseAdmin => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Database }.ConnectionString;

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql, bool inShop = false)
    {
        await using var connection = new NpgsqlConnection(inShop ? DatabaseAdmin : AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_ownCluster is not null) { await ScriptAsync("stop", _ownCluster); Directory.Delete(Path.GetDirectoryName(_ownCluster)!, true); return; }
        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
        await ExecuteAsync(AdminConnectionString, $"DROP ROLE IF EXISTS {AnalystUser}");
    }

    private async Task<string> StartClusterAsync()
    {
        var folder = Directory.CreateTempSubdirectory("sept-postgres-");
        // The cluster belongs to the postgres user when the tests run as root; it must be able to enter the folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101);
        _ownCluster = Path.Combine(folder.FullName, "cluster");
        return (await ScriptAsync("start", _ownCluster)).Trim();
    }

    private static async Task<string> ScriptAsync(string verb, string directory)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "lib", "postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, verb, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"postgres.sh {verb} failed ({process.ExitCode}): {error}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sept.sln"))) return dir.FullName;
        throw new InvalidOperationException("Sept.sln not found above the test output folder.");
    }
}

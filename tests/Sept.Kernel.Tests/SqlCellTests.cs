using Sept.Kernel.Protocol;
using static Sept.Kernel.Tests.ReactiveValueTests;

namespace Sept.Kernel.Tests;

[Collection("kernel")]
public sealed class SqlCellTests(KernelFixture kernel)
{
    private KernelSession Session => kernel.Session;

    private Task<CellResult> SqlAsync(string cellId, string sql, Dictionary<string, string>? bindings = null, string? resultName = null) =>
        Session.RunAsync(Cells.Request("sql", cellId, sql, bindings,
            resultName is null ? null : $$"""{"resultName":"{{resultName}}"}"""));

    [Fact]
    public async Task A_placeholder_is_bound_as_a_value_never_spliced_into_the_sql()
    {
        string setup = Cells.NewId(), name = Cells.NewId();
        (await SqlAsync(setup, "CREATE TABLE injection_t AS SELECT 1 AS id, 'safe' AS label")).Ok();
        (await Session.CodeAsync(name, "var who = \"'; DROP TABLE injection_t; --\";")).Ok();

        var result = (await SqlAsync(Cells.NewId(), "SELECT {who} AS echoed, count(*) AS n FROM injection_t", Bind("who", name))).Ok();
        var table = Assert.Single(result.Displays).Data[MimeTypes.Table];
        Assert.Equal("'; DROP TABLE injection_t; --", table.GetProperty("rows")[0][0].GetString());
        Assert.Equal(1, (await SqlAsync(Cells.NewId(), "SELECT count(*) AS n FROM injection_t")).Ok().Displays[0]
            .Data[MimeTypes.Table].GetProperty("rows")[0][0].GetInt32());
    }

    [Fact]
    public async Task A_csharp_collection_is_queryable_by_its_name()
    {
        string people = Cells.NewId();
        (await Session.CodeAsync(people, "record Person(string Name, int Age);\nvar crowd = new List<Person> { new(\"Ann\", 31), new(\"Bob\", 17), new(\"Cid\", 45) };")).Ok();
        var result = (await SqlAsync(Cells.NewId(), "SELECT Name FROM crowd WHERE Age >= 18 ORDER BY Name", Bind("crowd", people))).Ok();
        var rows = Assert.Single(result.Displays).Data[MimeTypes.Table].GetProperty("rows");
        Assert.Equal(["Ann", "Cid"], rows.EnumerateArray().Select(r => r[0].GetString()!).ToArray());
    }

    [Fact]
    public async Task Arrays_of_primitives_are_tables_with_a_value_column()
    {
        string numbers = Cells.NewId();
        (await Session.CodeAsync(numbers, "var primes = new[] { 2, 3, 5, 7 };")).Ok();
        var result = (await SqlAsync(Cells.NewId(), "SELECT sum(value) AS s FROM primes", Bind("primes", numbers))).Ok();
        Assert.Equal(17, result.Displays[0].Data[MimeTypes.Table].GetProperty("rows")[0][0].GetInt32());
    }

    [Fact]
    public async Task The_result_is_a_typed_variable_for_csharp_and_a_table_for_later_sql()
    {
        string query = Cells.NewId();
        (await SqlAsync(query, "SELECT i AS id, 'n' || i AS name, i * 1.5 AS score FROM range(1, 6) t(i)", resultName: "ranked")).Ok();

        var typed = (await Session.CodeAsync(Cells.NewId(), "ranked.Where(r => r.id > 3).Sum(r => r.score)", Bind("ranked", query))).Ok();
        Assert.Equal("13.5", typed.Text);

        var again = (await SqlAsync(Cells.NewId(), "SELECT max(name) AS top FROM ranked", Bind("ranked", query))).Ok();
        Assert.Equal("n5", again.Displays[0].Data[MimeTypes.Table].GetProperty("rows")[0][0].GetString());
    }

    [Fact]
    public async Task Read_csv_works()
    {
        // Into the sandboxed kernel's working directory, the only folder it sees besides its own /tmp.
        var file = $"sept-{Guid.NewGuid():N}.csv";
        await kernel.Session.UploadAsync(file, new MemoryStream("city,pop\nParis,2100000\nLyon,520000\n"u8.ToArray()));
        var result = (await SqlAsync(Cells.NewId(), $"SELECT city FROM read_csv('{file}') ORDER BY pop")).Ok();
        Assert.Equal("Lyon", result.Displays[0].Data[MimeTypes.Table].GetProperty("rows")[0][0].GetString());
    }

    [Fact]
    public async Task A_sql_error_is_reported_on_the_cell()
    {
        var result = await SqlAsync(Cells.NewId(), "SELECT * FROM no_such_table_anywhere");
        Assert.Equal(RunStatus.Error, result.Status);
        Assert.Equal("SqlError", Assert.Single(result.Errors).Ename);
    }

    [Fact]
    public async Task Sql_results_page_through_the_table_endpoint()
    {
        var cell = Cells.NewId();
        (await SqlAsync(cell, "SELECT * FROM range(1000) t(i)")).Ok();
        var page = await Session.TableAsync(cell, 990, 100);
        Assert.Equal(1000, page!.TotalRows);
        Assert.Equal(10, page.Rows.Count);
        Assert.Equal(999, page.Rows[^1][0].GetInt64());
    }
}

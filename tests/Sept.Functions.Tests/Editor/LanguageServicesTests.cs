using Sept.LanguageServices.Features;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;

namespace Sept.Functions.Tests.Editor;

/// <summary>The language services on a real Roslyn workspace: cells compose as a submission chain in cell order.</summary>
public sealed class LanguageServicesTests : IDisposable
{
    static readonly NotebookReferences references =
        NotebookReferences.Create(Path.Combine(AppContext.BaseDirectory, "Sept.Kernel.dll"));

    readonly NotebookWorkspace _workspace = new(references);

    static EditorCell Code(string source) => new(CellId.New(), CellKind.Code, source);

    static NotebookGraph Graph(IReadOnlyList<EditorCell> cells) =>
        NotebookGraph.Build([.. cells.Select(c => (c.Id, CellAnalyzer.Analyze(c.Kind, c.DocumentText ?? "", CellSettings.None)))]);

    [Fact]
    public void The_kernel_helpers_are_referenced() => Assert.True(references.HasHelpers);

    [Fact]
    public async Task Member_completion_knows_the_type_another_cell_gives_a_name()
    {
        var a = Code("var n = \"three\";");
        var b = Code("var s = n.");
        var result = await CellCompletions.GetAsync(_workspace.Update([a, b]), b.Id, b.Source.Length, default);
        Assert.NotNull(result);
        Assert.Contains(result.Items, i => i.Label == "Length" && i.Kind == "property" && i.Detail == "int");
        Assert.Contains(result.Items, i => i.Label == "ToUpper" && i.Kind == "method" && i.Detail == "string ToUpper()");
        Assert.Contains(result.Items, i => i.Label == "Select<>" && i.Insert == "Select"); // LINQ extension methods
        Assert.Equal(b.Source.Length, result.From);
    }

    [Fact]
    public async Task Name_completion_lists_notebook_names_with_their_type_and_cell()
    {
        var a = Code("var total = 42;");
        var greet = Code("string Greet(string who) => $\"hi {who}\";");
        var c = Code("var x = t");
        var result = await CellCompletions.GetAsync(_workspace.Update([a, greet, c]), c.Id, c.Source.Length, default);
        var total = Assert.Single(result!.Items, i => i.Label == "total");
        Assert.Equal("int", total.Detail);
        Assert.Equal(new DefiningCell(a.Id.ToString(), 1), total.Cell);
        var method = Assert.Single(result.Items, i => i.Label == "Greet");
        Assert.Equal(2, method.Cell!.Number);
        Assert.Contains("string who", method.Detail);
        Assert.Contains(result.Items, i => i.Label == "Display"); // a kernel helper
    }

    [Fact]
    public async Task A_read_binds_to_the_nearest_earlier_writer_and_follows_moves()
    {
        var a = Code("var v = 1;");
        var b = Code("var v = \"text\";");
        var reader = Code("var w = v.");
        var below = await CellCompletions.GetAsync(_workspace.Update([a, b, reader]), reader.Id, reader.Source.Length, default);
        Assert.Contains(below!.Items, i => i.Label == "Length");

        var moved = await CellCompletions.GetAsync(_workspace.Update([b, a, reader]), reader.Id, reader.Source.Length, default);
        Assert.DoesNotContain(moved!.Items, i => i.Label == "Length");
        Assert.Contains(moved.Items, i => i.Label == "CompareTo");
    }

    [Fact]
    public async Task A_type_change_upstream_shows_an_error_in_the_dependent_before_anything_runs()
    {
        var diagnostics = new NotebookDiagnostics();
        var a = Code("var n = 3;");
        var b = Code("var s = n.ToString(\"D2\");");
        var unrelated = Code("var other = 1 + 1;");
        List<EditorCell> cells = [a, b, unrelated];
        var clean = await diagnostics.GetAsync(_workspace.Update(cells), cells, Graph(cells), true, default);
        Assert.All(clean, c => Assert.Equal(0, c.Errors));

        cells[0] = a with { Source = "var n = \"three\";" };
        var broken = await diagnostics.GetAsync(_workspace.Update(cells), cells, Graph(cells), true, default);
        var problem = Assert.Single(broken.Single(c => c.CellId == b.Id.ToString()).Diagnostics);
        Assert.Equal("error", problem.Severity);
        Assert.Equal("CS1503", problem.Id); // string.ToString(IFormatProvider) cannot take "D2"
        Assert.Equal(1, problem.Range.Line);
        Assert.Equal("\"D2\"", b.Source[problem.Range.From..problem.Range.To]);
        Assert.Equal(0, broken.Single(c => c.CellId == a.Id.ToString()).Errors);
        Assert.Equal(2, diagnostics.LastChecked); // the edited cell and its dependent; the unrelated cell came from the cache
    }

    [Fact]
    public async Task An_edit_rebuilds_only_the_edited_cell_and_the_cells_below_it()
    {
        var a = Code("var n = 3;");
        var b = Code("var m = n + 1;");
        var c = Code("var k = m * 2;");
        var first = _workspace.Update([a, b, c]);
        Assert.Same(first, _workspace.Update([a, b, c])); // nothing changed: the same snapshot, no new solution
        var above = await first.DocumentOf(a.Id)!.Project.GetCompilationAsync();
        var edited = _workspace.Update([a, b with { Source = "var m = n + 2;" }, c]);
        Assert.True(edited.DocumentOf(a.Id)!.Project.TryGetCompilation(out var kept));
        Assert.Same(above, kept);
        Assert.Equal("var m = n + 2;", (await edited.DocumentOf(b.Id)!.GetTextAsync()).ToString());
    }

    [Fact]
    public async Task Unbound_names_say_which_cell_below_defines_them()
    {
        var diagnostics = new NotebookDiagnostics();
        var reader = Code("var twice = price * 2;");
        var writer = Code("var price = 10;");
        List<EditorCell> cells = [reader, writer];
        var result = await diagnostics.GetAsync(_workspace.Update(cells), cells, Graph(cells), true, default);
        var problem = Assert.Single(result[0].Diagnostics);
        Assert.Equal("CS0103", problem.Id);
        Assert.Contains("cell 2 below defines it", problem.Message);
    }

    [Fact]
    public async Task Hover_shows_the_type_the_docs_and_the_defining_cell()
    {
        var a = Code("var names = new List<string> { \"a\" };");
        var b = Code("var count = names.Count;");
        var snapshot = _workspace.Update([a, b]);
        var name = await CellHover.GetAsync(snapshot, b.Id, b.Source.IndexOf("names", StringComparison.Ordinal) + 1, default);
        Assert.Contains("List<string>", name!.Signature);
        Assert.Equal(new DefiningCell(a.Id.ToString(), 1), name.Cell);

        var count = await CellHover.GetAsync(snapshot, b.Id, b.Source.IndexOf("Count", StringComparison.Ordinal) + 1, default);
        Assert.Contains("int", count!.Signature);
        Assert.Null(count.Cell);
        Assert.Contains("number of elements", count.Documentation); // the BCL's XML docs
    }

    [Fact]
    public async Task Go_to_definition_lands_on_the_declaring_cell()
    {
        var a = Code("// the data\nvar rows = Enumerable.Range(0, 3).ToList();");
        var b = Code("var first = rows[0];");
        var definition = await CellDefinitions.GetAsync(_workspace.Update([a, b]), b.Id, b.Source.IndexOf("rows", StringComparison.Ordinal), default);
        Assert.Equal(a.Id.ToString(), definition!.CellId);
        Assert.Equal(2, definition.Range.Line);
        Assert.Equal("rows", a.Source[definition.Range.From..definition.Range.To]);
        Assert.Null(await CellDefinitions.GetAsync(_workspace.Update([a, b]), b.Id, b.Source.IndexOf("0", StringComparison.Ordinal), default));
    }

    [Fact]
    public async Task Signature_help_lists_overloads_and_the_current_parameter()
    {
        var a = Code("double Area(double width, double height) => width * height;");
        var b = Code("var x = Area(2, ");
        var help = await CellSignatures.GetAsync(_workspace.Update([a, b]), b.Id, b.Source.Length, default);
        var signature = Assert.Single(help!.Signatures);
        Assert.Equal(["double width", "double height"], signature.Parameters.Select(p => p.Label));
        Assert.Equal(1, help.ActiveParameter);

        var c = Code("var t = \"abc\".Substring(");
        var overloads = await CellSignatures.GetAsync(_workspace.Update([c]), c.Id, c.Source.Length, default);
        Assert.True(overloads!.Signatures.Count >= 2);
        Assert.Equal(0, overloads.ActiveParameter);
    }

    [Fact]
    public async Task Unsaved_text_is_answered_without_changing_the_stored_workspace()
    {
        var a = Code("var n = 3;");
        var b = Code("var s = 1;");
        var snapshot = _workspace.Update([a, b]);
        const string typed = "var s = n.";
        var draft = await CellCompletions.GetAsync(await snapshot.WithDraftAsync(b.Id, typed, default), b.Id, typed.Length, default);
        Assert.Contains(draft!.Items, i => i.Label == "CompareTo");
        Assert.True(snapshot.DocumentOf(b.Id)!.TryGetText(out var stored));
        Assert.Equal(b.Source, stored.ToString());
    }

    [Fact]
    public async Task Sql_results_and_inputs_are_seen_with_the_kernel_types()
    {
        var sql = new EditorCell(CellId.New(), CellKind.Sql, "select 1 as a", "df", "global::Sept.Kernel.Notebook.SqlResult");
        var input = new EditorCell(CellId.New(), CellKind.Input, "", "limit", "long");
        var code = Code("var r = df.");
        var snapshot = _workspace.Update([sql, input, code]);
        var members = await CellCompletions.GetAsync(snapshot, code.Id, code.Source.Length, default);
        Assert.Contains(members!.Items, i => i.Label == "RowCount");
        var names = await CellCompletions.GetAsync(await snapshot.WithDraftAsync(code.Id, "var r = l", default), code.Id, 9, default);
        Assert.Equal("long", Assert.Single(names!.Items, i => i.Label == "limit").Detail);
    }

    public void Dispose() => _workspace.Dispose();
}

using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Rewriting;
using Sept.Notebooks.Tests.Analysis;

namespace Sept.Notebooks.Tests.Rewriting;

/// <summary>Every construct of the analysis table, rewritten with every read bound to another cell.</summary>
public sealed class CSharpCellRewriterPropertyTests
{
    static readonly CellId self = CellId.New();
    static readonly CellId other = CellId.New();

    [Theory]
    [MemberData(nameof(CSharpAnalysisCases.All), MemberType = typeof(CSharpAnalysisCases))]
    public void Rewriting_keeps_lines_and_syntax_and_renames_exactly_the_values(
        string name, string source, string writes, string reads, string mutations)
    {
        _ = (writes, reads, mutations);
        var before = CSharpCellAnalyzer.Analyze(source, withSemanticDiagnostics: false);
        var bindings = before.Symbols.Reads.ToDictionary(r => r, _ => other);

        var rewritten = CSharpCellRewriter.Rewrite(before, self, bindings);
        var after = CSharpCellAnalyzer.Analyze(rewritten.Code, withSemanticDiagnostics: false);

        Assert.Equal(source.Split('\n').Length, rewritten.Code.Split('\n').Length);
        Assert.Equal(before.Symbols.Diagnostics.Select(d => (d.Id, d.Line)), after.Symbols.Diagnostics.Select(d => (d.Id, d.Line)));
        var expectedWrites = before.ValueWrites.Select(w => NotebookNames.Unique(w, self)).Concat(before.TypeWrites);
        Assert.True(after.Symbols.Writes.SetEquals(expectedWrites), $"{name}: writes were [{string.Join(' ', after.Symbols.Writes)}]");
        Assert.All(after.Symbols.Reads, read => Assert.True(
            before.Symbols.Reads.Contains(read)
            || (NotebookNames.TryParseUnique(read, out var user, out var cell) && cell == other && before.Symbols.Reads.Contains(user)),
            $"{name}: unexpected read {read}"));
        Assert.All(after.Symbols.Mutations, m => Assert.Contains(NotebookNames.TryParseUnique(m, out var user, out _) ? user : m, before.Symbols.Mutations));
        Assert.All(rewritten.UserNames, pair => Assert.True(NotebookNames.TryParseUnique(pair.Key, out var user, out _) && user == pair.Value));
    }
}

using Sept.Notebooks.Analysis;

namespace Sept.Notebooks.Tests.Analysis;

public sealed class CSharpCellAnalyzerTests
{
    [Theory]
    [MemberData(nameof(CSharpAnalysisCases.All), MemberType = typeof(CSharpAnalysisCases))]
    public void Each_construct_gives_the_expected_writes_reads_and_mutations(
        string name, string source, string writes, string reads, string mutations)
    {
        var symbols = CSharpCellAnalyzer.Analyze(source).Symbols;

        Assert.True(Names(writes).SetEquals(symbols.Writes), $"{name}: writes were [{Join(symbols.Writes)}]");
        Assert.True(Names(reads).SetEquals(symbols.Reads), $"{name}: reads were [{Join(symbols.Reads)}]");
        Assert.True(Names(mutations).SetEquals(symbols.Mutations), $"{name}: mutations were [{Join(symbols.Mutations)}]");
    }

    [Fact]
    public void Cells_can_be_analysed_concurrently()
    {
        var sources = Enumerable.Range(0, 40).Select(i => $"var v{i} = input{i}.Where(x => x > {i}).ToList();\nv{i}.Add(extra);").ToArray();

        var results = new CellSymbols[sources.Length];
        Parallel.For(0, sources.Length, i => results[i] = CSharpCellAnalyzer.Analyze(sources[i]).Symbols);

        for (var i = 0; i < sources.Length; i++)
        {
            Assert.Equal([$"v{i}"], results[i].Writes);
            Assert.Equal(["extra", $"input{i}"], results[i].Reads.Order());
        }
    }

    static HashSet<string> Names(string spaced) => spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    static string Join(IEnumerable<string> names) => string.Join(' ', names.Order());
}

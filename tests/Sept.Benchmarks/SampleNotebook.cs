namespace Sept.Benchmarks;

/// <summary>
/// A realistic 200-cell C# notebook: 25 blocks of 8 cells (a record, data built with LINQ, a method, a
/// parameter that reads the previous block's total, a projection to anonymous objects, aggregates, an
/// interpolated summary, a grouping). Every cell reads from earlier cells, and the blocks chain, so an edit
/// near the top has a long downstream.
/// </summary>
internal static class SampleNotebook
{
    public const int Blocks = 25;

    public static IReadOnlyList<string> Cells() =>
        [.. Enumerable.Range(0, Blocks).SelectMany(Block)];

    private static IEnumerable<string> Block(int b)
    {
        var previousTotal = b > 0 ? $"total{b - 1} / 1000" : "0";
        var previousLookup = b > 0 ? $"lookup{b - 1}.Count" : "0";
        yield return $$"""
            record Point{{b}}(int X, int Y)
            {
                public double Length => Math.Sqrt(X * X + Y * Y);
            }
            """;
        yield return $"var points{b} = Enumerable.Range(0, 50).Select(n => new Point{b}(n, (n * 7 + {b}) % 13)).ToList();";
        yield return $"double Score{b}(Point{b} p, double weight) => p.Length * weight + (p.X % 2 == 0 ? 1 : 0);";
        yield return $"var weight{b} = {b} * 0.5 + {previousTotal};";
        yield return $$"""
            var scored{{b}} = points{{b}}
                .Select(p => new { p.X, p.Y, Score = Score{{b}}(p, weight{{b}}) })
                .Where(s => s.Score > 1)
                .OrderByDescending(s => s.Score)
                .ToList();
            """;
        yield return $"var total{b} = scored{b}.Sum(s => s.Score);\nvar best{b} = scored{b}.FirstOrDefault();";
        yield return $"var summary{b} = $\"block {b}: {{scored{b}.Count}} items, total {{total{b}:F1}}, best {{best{b}?.X}}\";\nConsole.WriteLine(summary{b});";
        yield return $"var lookup{b} = points{b}.GroupBy(p => p.Y).ToDictionary(g => g.Key, g => g.Count());\nlookup{b}.Count + {previousLookup}";
    }
}

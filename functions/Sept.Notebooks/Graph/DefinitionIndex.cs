namespace Sept.Notebooks.Graph;

/// <summary>Who defines what: for each name, the positions (ascending) of the cells that write it and of the
/// cells that mutate it without declaring it. Answers "nearest writer before position i" by binary search.</summary>
internal sealed class DefinitionIndex
{
    private readonly Dictionary<string, List<int>> _writers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _mutators = new(StringComparer.Ordinal);

    public DefinitionIndex(IReadOnlyList<(IReadOnlySet<string> Writes, IReadOnlySet<string> Mutations)> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            foreach (var name in cells[i].Writes) Add(_writers, name, i);
            foreach (var name in cells[i].Mutations)
                if (!cells[i].Writes.Contains(name)) Add(_mutators, name, i);
        }
    }

    public int? NearestWriterBefore(string name, int position) =>
        _writers.TryGetValue(name, out var list) && LastBelow(list, position) is var k && k >= 0 ? list[k] : null;

    public int? FirstWriterAfter(string name, int position) =>
        _writers.TryGetValue(name, out var list) && LastBelow(list, position + 1) + 1 is var k && k < list.Count
            ? list[k]
            : null;

    /// <summary>Cells strictly between <paramref name="low"/> and <paramref name="high"/> that mutate the name.</summary>
    public IEnumerable<int> MutatorsBetween(string name, int low, int high)
    {
        if (!_mutators.TryGetValue(name, out var list)) yield break;
        for (var k = LastBelow(list, low + 1) + 1; k < list.Count && list[k] < high; k++)
            yield return list[k];
    }

    private static void Add(Dictionary<string, List<int>> index, string name, int position)
    {
        if (!index.TryGetValue(name, out var list)) index[name] = list = [];
        list.Add(position);
    }

    // Index in the ascending list of the last element < value, or -1.
    private static int LastBelow(List<int> list, int value)
    {
        var found = list.BinarySearch(value);
        return (found >= 0 ? found : ~found) - 1;
    }
}

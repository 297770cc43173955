using Sept.Kernel.Protocol;

namespace Sept.Kernel.Hosting;

/// <summary>The last successful request per cell: what rebuilds the kernel's variables after a restart.
/// Replay order follows the bindings (a cell after the cells it reads), ties by when the cell last succeeded.</summary>
internal sealed class ReplayLog
{
    private readonly Dictionary<string, (ExecuteRequest Request, long Sequence)> cells = [];
    private long sequence;

    public int Count => cells.Count;

    public void Succeeded(ExecuteRequest request) => cells[request.CellId] = (request, ++sequence);

    public void Forget(IEnumerable<string> cellIds)
    {
        foreach (var id in cellIds) cells.Remove(id);
    }

    public IReadOnlyList<ExecuteRequest> Plan()
    {
        var plan = new List<ExecuteRequest>();
        var visited = new HashSet<string>();
        foreach (var (id, _) in cells.OrderBy(c => c.Value.Sequence)) Visit(id, plan, visited);
        return plan;
    }

    private void Visit(string cellId, List<ExecuteRequest> plan, HashSet<string> visited)
    {
        if (!cells.TryGetValue(cellId, out var entry) || !visited.Add(cellId)) return;
        foreach (var dependency in entry.Request.Bindings.Values.Distinct().Where(d => d != cellId)) Visit(dependency, plan, visited);
        plan.Add(entry.Request);
    }
}

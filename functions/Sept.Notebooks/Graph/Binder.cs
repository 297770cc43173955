using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Graph;

/// <summary>
/// Order-aware binding. Each name a cell reads or mutates binds to the nearest EARLIER cell that writes it
/// (never to the cell itself, so <c>x = x + 1</c> binds to the writer above). Redefinitions are allowed: a
/// later writer simply wins for the cells below it.
/// Mutations: a cell M that changes x in place (assignment, ++, x.Add(..)) without declaring it binds x to the
/// writer W above it, like a read. Any cell R below M whose x also binds to W sees M's change, so R depends on
/// W (Definition edge) and on M (Mutation edge); R's binding stays W because the value lives in W's variable.
/// A redefinition of x between M and R cuts M off: R then sees a fresh value.
/// </summary>
internal static class Binder
{
    public sealed record Result(
        IReadOnlyList<IReadOnlyDictionary<string, CellId>> Bindings,
        IReadOnlyList<GraphEdge> Edges,
        IReadOnlyList<UnboundRead> Unbound,
        IReadOnlyList<MutationWarning> Warnings);

    public static Result Bind(IReadOnlyList<(CellId Id, CellSymbols Symbols)> cells)
    {
        var index = new DefinitionIndex([.. cells.Select(c => (c.Symbols.Writes, c.Symbols.Mutations))]);
        var bindings = new IReadOnlyDictionary<string, CellId>[cells.Count];
        // Unique by construction: one definition edge per (reader, name), one mutation edge per (mutator, reader, name).
        var edges = new List<GraphEdge>();
        var unbound = new List<UnboundRead>();
        var warnings = new List<MutationWarning>();

        for (var i = 0; i < cells.Count; i++)
        {
            var (id, symbols) = cells[i];
            var bound = new Dictionary<string, CellId>(StringComparer.Ordinal);
            foreach (var name in symbols.Reads.Union(symbols.Mutations).Order(StringComparer.Ordinal))
            {
                if (index.NearestWriterBefore(name, i) is not { } writer)
                {
                    // A name the cell declares itself and no cell above declares is local, not a missing input.
                    if (!symbols.Writes.Contains(name))
                        unbound.Add(Unbound(cells, index, i, name));
                    continue;
                }
                BindTo(writer, name);
            }
            // Library names (Math, Range) bind only when a cell above redefines them; never unbound.
            foreach (var name in symbols.AmbientReads.Except(symbols.Reads).Except(symbols.Mutations)
                         .Order(StringComparer.Ordinal))
            {
                if (index.NearestWriterBefore(name, i) is { } writer)
                    BindTo(writer, name);
            }
            bindings[i] = bound;
            BindPackageUses(cells, i, edges);

            void BindTo(int writer, string name)
            {
                bound[name] = cells[writer].Id;
                edges.Add(new GraphEdge(cells[writer].Id, id, name, EdgeKind.Definition));
                foreach (var mutator in index.MutatorsBetween(name, writer, i))
                    edges.Add(new GraphEdge(cells[mutator].Id, id, name, EdgeKind.Mutation));
            }
            var mutated = symbols.Mutations.Where(n => !symbols.Writes.Contains(n) && bound.ContainsKey(n))
                .Order(StringComparer.Ordinal).ToList();
            if (mutated.Count > 0)
                warnings.Add(new MutationWarning(id, mutated, MutationMessage(cells, i, mutated, bound)));
        }
        return new Result(bindings, edges, unbound, warnings);
    }

    // A package use binds to the nearest cell above (or this cell) whose directive names the package; a dependency
    // package no directive names (Microsoft.ML.Core under Microsoft.ML) binds to every directive cell above, since the
    // analysis does not know which of them brought it. Not in the bindings: the kernel renames by those.
    private static void BindPackageUses(IReadOnlyList<(CellId Id, CellSymbols Symbols)> cells, int position, List<GraphEdge> edges)
    {
        var (id, symbols) = cells[position];
        foreach (var package in symbols.PackageUses.Order(StringComparer.Ordinal))
        {
            var writers = new List<(int Cell, string Name)>();
            for (var w = position; w >= 0 && writers.Count == 0; w--)
                foreach (var d in cells[w].Symbols.Directives)
                    if (d.Kind == DirectiveKind.Package && string.Equals(d.Value, package, StringComparison.OrdinalIgnoreCase))
                        writers.Add((w, d.Value));
            if (writers.Count == 0)
                for (var w = position; w >= 0; w--)
                    writers.AddRange(cells[w].Symbols.Directives.Where(d => d.Kind == DirectiveKind.Package).Take(1).Select(d => (w, d.Value)));
            foreach (var (writer, name) in writers.Where(w => w.Cell != position)
                         .Where(w => !edges.Any(e => e.Kind == EdgeKind.Package && e.From == cells[w.Cell].Id && e.To == id)))
                edges.Add(new GraphEdge(cells[writer].Id, id, name, EdgeKind.Package));
        }
    }

    private static UnboundRead Unbound(
        IReadOnlyList<(CellId Id, CellSymbols Symbols)> cells, DefinitionIndex index, int position, string name)
    {
        var message = $"name '{name}' is not defined by any cell above";
        if (index.FirstWriterAfter(name, position) is not { } later)
            return new UnboundRead(cells[position].Id, name, null, message);
        return new UnboundRead(cells[position].Id, name, cells[later].Id,
            $"{message} (cell {later + 1} below defines it; move it above)");
    }

    private static string MutationMessage(
        IReadOnlyList<(CellId Id, CellSymbols Symbols)> cells, int position, List<string> names,
        Dictionary<string, CellId> bound)
    {
        var parts = names.Select(n => $"'{n}' (defined by cell {IndexOf(cells, bound[n]) + 1})");
        return $"cell {position + 1} changes {string.Join(", ", parts)} in place; "
            + "cells below that read it also depend on this cell";
    }

    private static int IndexOf(IReadOnlyList<(CellId Id, CellSymbols Symbols)> cells, CellId id)
    {
        for (var i = 0; i < cells.Count; i++)
            if (cells[i].Id == id) return i;
        return -1;
    }
}

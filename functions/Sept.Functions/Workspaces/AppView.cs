using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Cells;
using Sept.Functions.Hosting;
using Sept.Functions.Projects;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Planning;

namespace Sept.Functions.Workspaces;

/// <summary>What a viewer may change: the app view sets input values and runs from inputs. A PATCH of an input cell
/// that changes only config.value, and runs (cell or downstream) whose requested cells are all input cells.</summary>
public static class AppView
{
    public static ProblemHttpResult? EditProblem(CellRecord cell, UpdateCell body)
    {
        if (cell.Kind != CellKind.Input) return Refuse("Viewers can change only the value of input cells.");
        if (body.Source is { } source && source != cell.Source) return Refuse("Viewers cannot change a cell's source.");
        if (body.Config is { } config && !SameExceptValue(cell.Config, config))
            return Refuse("Viewers can change only config.value of an input cell.");
        return null;
    }

    public static ProblemHttpResult? RunProblem(LoadedNotebook loaded, StartRun body)
    {
        if ((body.Mode ?? RunMode.Cell) is not (RunMode.Cell or RunMode.Downstream) || body.CellIds is not { Count: > 0 } ids)
            return Refuse("Viewers can run only from input cells (mode cell or downstream, with cellIds).");
        foreach (var text in ids)
            if (CellId.TryParse(text, out var id) && loaded.Find(id) is { } cell && cell.Kind != CellKind.Input)
                return Refuse($"Viewers can run only input cells; {text} is a {cell.Kind.ToString().ToLowerInvariant()} cell.");
        return null;
    }

    private static bool SameExceptValue(JsonElement? stored, JsonElement edited)
    {
        if (edited.ValueKind != JsonValueKind.Object) return false;
        var before = stored is { ValueKind: JsonValueKind.Object } s ? JsonNode.Parse(s.GetRawText())!.AsObject() : [];
        var after = JsonNode.Parse(edited.GetRawText())!.AsObject();
        before.Remove("value");
        after.Remove("value");
        return JsonNode.DeepEquals(before, after);
    }

    private static ProblemHttpResult Refuse(string detail) => Problems.Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);
}

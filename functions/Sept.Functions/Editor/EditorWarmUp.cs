using Sept.LanguageServices.Features;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Editor;

/// <summary>Builds Roslyn's feature services (MEF) and JITs completion once in the background at start, so the
/// first completion a user asks for does not pay a few seconds for it.</summary>
public sealed class EditorWarmUp(OpenNotebooks open, ILogger<EditorWarmUp> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(async () =>
    {
        try
        {
            using var workspace = new NotebookWorkspace(open.References);
            var cell = new EditorCell(CellId.New(), CellKind.Code, "var warm = \"abc\".");
            var snapshot = workspace.Update([cell]);
            await CellCompletions.GetAsync(snapshot, cell.Id, cell.Source.Length, stoppingToken);
            await CellHover.GetAsync(snapshot, cell.Id, 5, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Editor warm-up failed; the first completion will be slower");
        }
    }, stoppingToken);
}

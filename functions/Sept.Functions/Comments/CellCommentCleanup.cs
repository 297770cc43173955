using Sept.Functions.Cells;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Comments;

/// <summary>Comments stay when a cell is edited or moved and go when it is deleted.</summary>
public sealed class CellCommentCleanup(CommentCommands comments) : ICellObserver
{
    public Task CellSavedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CellDeletedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken) =>
        comments.RemoveCellCommentsAsync(projectId, cellId, cancellationToken);
}

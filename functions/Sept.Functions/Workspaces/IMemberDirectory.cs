using Sept.Functions.Identity;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Workspaces;

/// <summary>Who may be mentioned or shown in a project: the members of its workspace.</summary>
public interface IMemberDirectory
{
    Task<IReadOnlyList<ProjectMember>> MembersOfProjectAsync(ProjectId projectId, CancellationToken cancellationToken);
}

public sealed record ProjectMember(SeptUser User, WorkspaceRole Role);

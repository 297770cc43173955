namespace Sept.Functions.Workspaces;

/// <summary>A member's role in a workspace; higher includes lower. Admins manage members and projects,
/// editors edit and run, viewers read and use the app view (inputs, not code).</summary>
public enum WorkspaceRole
{
    Viewer = 1,
    Editor = 2,
    Admin = 3,
}

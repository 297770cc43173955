using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sept.Functions.History;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Functions.Tests.Support;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.History;

/// <summary>The role each version route needs: a viewer reads, lists and diffs; saving and restoring need an editor.</summary>
public sealed class VersionRoleTests : IDisposable
{
    private readonly ViewerApplication _app = new();

    [Fact]
    public async Task A_viewer_may_list_view_and_diff_but_not_save_or_restore()
    {
        var http = _app.CreateClient();
        var api = new ApiClient(http);
        var project = await api.CreateProjectAsync("roles");
        await api.AddCellAsync(project.Id, "code", "var a = 1;");
        // The auto version the first cell took.
        var version = (await _app.Services.GetRequiredService<IVersionStore>().ListAsync(ProjectId.Parse(project.Id), CancellationToken.None))[0].Id;

        _app.Access.Role = WorkspaceRole.Viewer;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/projects/{project.Id}/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/projects/{project.Id}/versions/{version}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/projects/{project.Id}/versions/{version}/diff")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync($"/api/projects/{project.Id}/versions", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync($"/api/projects/{project.Id}/versions/{version}/restore", null)).StatusCode);

        _app.Access.Role = WorkspaceRole.Editor;
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync($"/api/projects/{project.Id}/versions", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/api/projects/{project.Id}/versions/{version}/restore", null)).StatusCode);
    }

    public void Dispose() => _app.Dispose();

    /// <summary>Grants every existing project with the role the test sets.</summary>
    public sealed class RoleAccess(IProjectStore store) : IProjectAuthorizer
    {
        public WorkspaceRole Role { get; set; } = WorkspaceRole.Admin;

        public async Task<ProjectAccess> AuthorizeAsync(
            ClaimsPrincipal principal, ProjectId projectId, WorkspaceRole minimum, CancellationToken cancellationToken)
        {
            if (await store.GetProjectAsync(projectId, cancellationToken) is not { } project) return new ProjectAccess.Hidden();
            return Role >= minimum ? new ProjectAccess.Granted(project, SeptUser.Local, Role) : new ProjectAccess.Forbidden(Role, minimum);
        }
    }

    private sealed class ViewerApplication() : SeptApplication(_ => new ScriptedKernel())
    {
        public RoleAccess Access => (RoleAccess)Services.GetRequiredService<IProjectAuthorizer>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<RoleAccess>();
                services.Replace(ServiceDescriptor.Singleton<IProjectAuthorizer>(sp => sp.GetRequiredService<RoleAccess>()));
            });
        }
    }
}

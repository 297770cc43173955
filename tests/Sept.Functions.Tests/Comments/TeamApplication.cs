using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Functions.Tests.Support;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Comments;

/// <summary>The app with a small team instead of the single local user, until the identity branch's token path is in:
/// requests name their person by id in the X-Test-User header (a test-only principal), and every project belongs to one
/// workspace with Ada (admin), Bob (editor) and Vic (viewer). Everything after the principal is the real app.</summary>
public sealed class TeamApplication : SeptApplication
{
    public static readonly SeptUser Ada = new("u-ada", "Ada", "ada@example.com");
    public static readonly SeptUser Bob = new("u-bob", "Bob", "bob@example.com");
    public static readonly SeptUser Vic = new("u-vic", "Vic", "vic@example.com");

    private static readonly ProjectMember[] Team =
        [new(Ada, WorkspaceRole.Admin), new(Bob, WorkspaceRole.Editor), new(Vic, WorkspaceRole.Viewer)];

    public TeamApplication() : base(_ => new ScriptedKernel())
    {
    }

    /// <summary>A client acting as <paramref name="user"/>.</summary>
    public ApiClient As(SeptUser user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-User", user.Id);
        return new ApiClient(client);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestPrincipal>();
            services.AddSingleton<TeamAccess>();
            services.Replace(ServiceDescriptor.Singleton<IProjectAuthorizer>(sp => sp.GetRequiredService<TeamAccess>()));
            services.Replace(ServiceDescriptor.Singleton<IMemberDirectory>(sp => sp.GetRequiredService<TeamAccess>()));
        });
    }

    private sealed class TestPrincipal : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                // Any id signs in; only the team are members (others are strangers to every project).
                if (context.Request.Headers["X-Test-User"].ToString() is { Length: > 0 } id)
                {
                    var user = Team.FirstOrDefault(m => m.User.Id == id)?.User ?? new SeptUser(id, id, $"{id}@example.com");
                    context.User = new ClaimsPrincipal(new ClaimsIdentity(
                        [new Claim("sub", user.Id), new Claim("name", user.Name), new Claim("email", user.Email)], "test"));
                }
                await nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class TeamAccess(IProjectStore store) : IProjectAuthorizer, IMemberDirectory
    {
        public async Task<ProjectAccess> AuthorizeAsync(
            ClaimsPrincipal principal, ProjectId projectId, WorkspaceRole minimum, CancellationToken cancellationToken)
        {
            if (SeptUser.FromPrincipal(principal) is not { } user) return new ProjectAccess.Unauthenticated();
            if (await store.GetProjectAsync(projectId, cancellationToken) is not { } project
                || Team.FirstOrDefault(m => m.User.Id == user.Id) is not { } member) return new ProjectAccess.Hidden();
            return member.Role >= minimum
                ? new ProjectAccess.Granted(project, member.User, member.Role)
                : new ProjectAccess.Forbidden(member.Role, minimum);
        }

        public Task<IReadOnlyList<ProjectMember>> MembersOfProjectAsync(ProjectId projectId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ProjectMember>>(Team);
    }
}

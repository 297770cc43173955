using Microsoft.Extensions.Options;
using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Projects;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Planning;

namespace Sept.Functions.Demo;

/// <summary>On the first start of a local install (Local sign-in, an empty local workspace) creates the demo project
/// and runs it, so a newcomer opens a notebook with results. A marker file in the data folder records that it was
/// offered: the demo is created once and never again, also after it is deleted or when the install already had
/// projects.</summary>
public sealed class DemoProjectSeeder(
    IProjectStore store, NotebookReader reader, RunStarter runs, IOptions<DemoOptions> demo, IOptions<SeptAuthOptions> auth,
    IOptions<SeptOptions> sept, TimeProvider clock, ILogger<DemoProjectSeeder> logger) : IHostedService
{
    public const string MarkerFile = "demo-project.created";

    public string MarkerPath => Path.Combine(Path.GetFullPath(sept.Value.DataDirectory), MarkerFile);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.Value.Enabled || auth.Value.Mode != AuthMode.Local || File.Exists(MarkerPath)) return;
        ProjectId? created;
        try
        {
            var existing = await store.ListWorkspaceProjectsAsync(LocalWorkspace.Id, cancellationToken);
            created = existing.Count == 0 ? await CreateAsync(cancellationToken) : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A welcome project is never worth a failed start; without the marker the next start tries again.
            logger.LogWarning(e, "The demo project could not be created");
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(MarkerPath)!);
        await File.WriteAllTextAsync(MarkerPath, created is null
            ? $"not created: the install already had projects ({clock.GetUtcNow():O})\n"
            : $"{created}\n{clock.GetUtcNow():O}\n", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stores the project and its cells, then queues a run of all of them.</summary>
    private async Task<ProjectId> CreateAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var project = new ProjectRecord(ProjectId.New(), DemoNotebook.Name, true, 1, now, now, LocalWorkspace.Id);
        await store.CreateProjectAsync(project, cancellationToken);
        OrderKey? previous = null;
        foreach (var cell in DemoNotebook.Cells)
        {
            var order = previous is { } p ? OrderKey.Between(p, null) : OrderKey.First;
            await store.AddCellAsync(new CellRecord(project.Id, CellId.New(), cell.Kind, cell.Source, cell.ConfigJson, order, 1, 1, CellRun.Idle, now),
                cancellationToken);
            previous = order;
        }
        if (await reader.LoadAsync(project.Id, cancellationToken) is { } loaded)
            await runs.StartAsync(loaded, new StartRun(null, RunMode.All), "demo project created", cancellationToken);
        logger.LogInformation("Created the demo project {ProjectId}", project.Id);
        return project.Id;
    }
}

/// <summary>Registers the demo seeder (options from "Sept:Demo").</summary>
public static class DemoServices
{
    public static IServiceCollection AddDemoProject(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        // The demo greets a local install (scripts/start); the Azure hosting is a team's deployment.
        if (string.Equals(configuration[Azure.SeptHosting.HostingKey], "Azure", StringComparison.OrdinalIgnoreCase)) return services;
        return services.AddHostedService<DemoProjectSeeder>();
    }
}

using Sept.LanguageServices.Workspace;

namespace Sept.Functions.Editor;

public static class EditorServices
{
    /// <summary>The language services; the kernel's helper assembly (Display, Chart, SqlResult) is next to the app.</summary>
    public static IServiceCollection AddEditor(this IServiceCollection services)
    {
        services.AddSingleton(_ => new OpenNotebooks(NotebookReferences.Create(Path.Combine(AppContext.BaseDirectory, "Sept.Kernel.dll"))));
        services.AddSingleton<EditorSessions>();
        services.AddSingleton<SupersededRequests>();
        services.AddHostedService<EditorWarmUp>();
        return services;
    }
}

using Microsoft.CodeAnalysis.Host.Mef;

namespace Sept.LanguageServices.Workspace;

/// <summary>The MEF composition of Roslyn's workspace and C# feature services (completion, quick info): built
/// once per process (about a second), shared by every notebook's workspace.</summary>
public static class NotebookHost
{
    public static MefHostServices Services => MefHostServices.DefaultHost;
}

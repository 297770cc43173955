namespace Sept.Kernel;

/// <summary>Kernel settings, bound from configuration ("Kernel" section, or --Kernel:MaxOutputBytes=... on the command line).</summary>
public sealed class KernelOptions
{
    /// <summary>Cap on one cell's output (stream text plus display payloads), in bytes.</summary>
    public long MaxOutputBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Rows sent inline with a table output; the rest are paged through GET /kernel/table.</summary>
    public int TablePageSize { get; set; } = 100;

    /// <summary>How often captured stdout/stderr is flushed to the stream, in milliseconds.</summary>
    public int FlushIntervalMs { get; set; } = 10;

    /// <summary>Rows kept per table output for paging.</summary>
    public int MaxTableRows { get; set; } = 1_000_000;

    /// <summary>Re-run compiled cells without compiling (docs/kernel.md, compile model). Off: every run compiles.</summary>
    public bool CompileCache { get; set; } = true;

    /// <summary>Where POST /files/upload puts uploaded files; the kernel starts with it as its working directory, so
    /// cells open uploads by plain file name (the rule local hosting keeps by setting the working directory to the
    /// project's files folder). Unset (local child processes): uploads are refused, the host writes the folder itself.
    /// The container image sets /mnt/data, the session's mount.</summary>
    public string? FilesDirectory { get; set; }

    /// <summary>NuGet restore for #r "nuget: ..." (Kernel:Packages:PackagesDirectory, :Offline, :Timeout...); see
    /// docs/kernel.md, packages.</summary>
    public Sept.Kernel.Protocol.PackageRestoreOptions Packages { get; set; } = new();
}

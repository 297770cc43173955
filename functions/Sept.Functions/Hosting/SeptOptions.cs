namespace Sept.Functions.Hosting;

/// <summary>Configuration section "Sept".</summary>
public sealed class SeptOptions
{
    public const string Section = "Sept";

    /// <summary>Folder for the SQLite file and the local output store. Default: ./.data/local.</summary>
    public string DataDirectory { get; set; } = Path.Combine(".data", "local");

    /// <summary>Folder with the built web UI (web/dist); served at / when it exists.</summary>
    public string? WebRoot { get; set; }

    /// <summary>Largest accepted upload in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Largest request body on routes other than uploads and imports (413 above it).</summary>
    public long MaxJsonBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Local mode: the host names Sept answers for (';'-separated, "*" for any); see LocalRequestGuard.</summary>
    public string AllowedHosts { get; set; } = "localhost;127.0.0.1;[::1]";

    /// <summary>Most cells a project may have: adding beyond it is refused (413), and so is importing a bigger notebook.</summary>
    public int MaxCellsPerProject { get; set; } = 2000;

    /// <summary>A cell's time limit unless its project sets its own (PATCH cellTimeoutSeconds): past it the cell is
    /// interrupted, and its kernel replaced if it does not stop. Zero: no limit.</summary>
    public TimeSpan CellTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Outputs larger than this go to the output store; the cell keeps a preview.</summary>
    public int InlineOutputBytes { get; set; } = 64 * 1024;
}

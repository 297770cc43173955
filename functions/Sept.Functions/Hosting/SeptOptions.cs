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

    /// <summary>A cell's time limit unless its project sets its own (PATCH cellTimeoutSeconds): past it the cell is
    /// interrupted, and its kernel replaced if it does not stop. Zero: no limit.</summary>
    public TimeSpan CellTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Outputs larger than this go to the output store; the cell keeps a preview.</summary>
    public int InlineOutputBytes { get; set; } = 64 * 1024;
}

namespace Sept.Functions.Publishing;

/// <summary>Configuration section "Sept:Export".</summary>
public sealed class ExportOptions
{
    public const string Section = "Sept:Export";

    /// <summary>The Chromium (or Chrome) executable PDF export prints with; unset: chromium, chromium-browser or
    /// google-chrome on PATH.</summary>
    public string? ChromiumPath { get; set; }

    /// <summary>Longest a PDF may take to print.</summary>
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>PDFs printed at once (each is a Chromium process).</summary>
    public int MaxConcurrentPdfs { get; set; } = 2;
}

/// <summary>What an export shows: the notebook (code shown or hidden) or the app view (no code, no code outputs
/// other than visual ones).</summary>
public sealed record HtmlExportRequest(bool ShowCode, bool AppView);

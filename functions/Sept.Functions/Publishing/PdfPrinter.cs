using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Sept.Functions.Publishing;

/// <summary>Prints an HTML export to PDF with headless Chromium (a process per PDF, in a temporary folder with its
/// own profile; at most <see cref="ExportOptions.MaxConcurrentPdfs"/> at once). The HTML is the sanitised export,
/// whose Content-Security-Policy keeps Chromium off the network.</summary>
public sealed class PdfPrinter(IOptions<ExportOptions> options, ILogger<PdfPrinter> logger)
{
    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private readonly SemaphoreSlim _gate = new(Math.Max(1, options.Value.MaxConcurrentPdfs));
    private readonly Lazy<string?> _chromium = new(() => Resolve(options.Value.ChromiumPath));

    /// <summary>The Chromium executable, or null when none is installed.</summary>
    public string? Chromium => _chromium.Value;

    /// <summary>The PDF bytes; throws <see cref="PdfPrintException"/> when Chromium is missing, fails or times out.</summary>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var chromium = Chromium ?? throw new PdfPrintException(
            "PDF export needs Chromium on the server: install it (apt-get install chromium) or set Sept__Export__ChromiumPath.");
        await _gate.WaitAsync(cancellationToken);
        var folder = Directory.CreateTempSubdirectory("sept-pdf-").FullName;
        try
        {
            var page = Path.Combine(folder, "export.html");
            var pdf = Path.Combine(folder, "export.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-extensions",
                    $"--user-data-dir={Path.Combine(folder, "profile")}", "--no-pdf-header-footer",
                    // Virtual time lets the chart script finish before printing, without a fixed sleep.
                    "--virtual-time-budget=15000", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
                },
            };
            using var process = Process.Start(start) ?? throw new PdfPrintException($"Could not start {chromium}.");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(options.Value.PdfTimeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested) throw;
                throw new PdfPrintException($"Chromium took longer than {options.Value.PdfTimeout.TotalSeconds:0} s to print the PDF.");
            }
            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            {
                logger.LogWarning("Chromium exited {Code} without a PDF: {Error}", process.ExitCode, Tail(await stderr));
                throw new PdfPrintException($"Chromium exited with code {process.ExitCode} and wrote no PDF.");
            }
            return await File.ReadAllBytesAsync(pdf, cancellationToken);
        }
        finally
        {
            _gate.Release();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* Chromium may still hold its profile a moment; the temp folder is cleaned by the OS. */ }
        }
    }

    private static string? Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return Candidates.SelectMany(name => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}

/// <summary>PDF printing failed in a way the caller should hear about (503 with this message).</summary>
public sealed class PdfPrintException(string message) : Exception(message);

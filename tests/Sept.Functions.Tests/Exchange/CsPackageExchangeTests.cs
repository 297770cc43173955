using System.Diagnostics;
using Sept.Functions.Exchange;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Exchange;

/// <summary>Package directives through .cs export and import: the file-based app restores them with dotnet run.</summary>
public sealed class CsPackageExchangeTests
{
    private static readonly NotebookFile Notebook = new("Packages", false,
    [
        new NotebookFileCell(CellKind.Code, "#r \"nuget: Humanizer.Core, 3.0.10\"\nusing Humanizer;\n\"PackagesInFiles\".Humanize()", null, [], 0,
            new string('a', 32)),
    ]);

    [Fact]
    public void Export_writes_package_directives_and_import_puts_the_cell_back()
    {
        var file = CsFileExport.Write(Notebook);
        Assert.Contains("#:package Humanizer.Core@3.0.10\n", file);
        Assert.DoesNotContain("\n#r ", file);

        var cell = Assert.Single(CsFileImport.Read(file, "x").Notebook!.Cells);
        Assert.Equal(Notebook.Cells[0].Source, cell.Source);
    }

    [Fact]
    public void A_plain_file_based_app_s_packages_become_directives()
    {
        var cell = Assert.Single(CsFileImport.Read("#:package Humanizer.Core@3.0.10\n#:package Dapper@*\nConsole.WriteLine(1);", "x").Notebook!.Cells);
        Assert.StartsWith("#r \"nuget: Humanizer.Core, 3.0.10\"\n#r \"nuget: Dapper\"\n", cell.Source);
    }

    [Fact]
    public async Task The_exported_file_runs_with_dotnet_run()
    {
        var directory = Directory.CreateTempSubdirectory("sept-export-");
        try
        {
            var path = Path.Combine(directory.FullName, "packages.cs");
            await File.WriteAllTextAsync(path, CsFileExport.Write(Notebook));
            var start = new ProcessStartInfo("dotnet", ["run", path]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory.FullName };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(limit.Token);
            Assert.True(process.ExitCode == 0, await output + await errors);
            Assert.Contains("Packages in files", await output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Sept.Kernel.Scripting;

/// <summary>References and usings every cell gets: common BCL plus the notebook helpers.</summary>
public static class KernelScriptOptions
{
    public static readonly IReadOnlyList<string> Imports =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.Text", "System.Text.Json", "System.Threading",
        "System.Threading.Tasks", "System.IO", "System.Globalization", "System.Net.Http", "System.Text.RegularExpressions",
        "Sept.Kernel.Notebook",
    ];

    /// <summary>First submission of every chain: usings carry over to later submissions.</summary>
    public const string Preamble = "using static Sept.Kernel.Notebook.NotebookFunctions;";

    public static ScriptOptions Create() => ScriptOptions.Default
        .WithReferences(
            typeof(object).Assembly,
            typeof(Enumerable).Assembly,
            typeof(List<>).Assembly,
            typeof(System.Collections.Immutable.ImmutableArray).Assembly,
            typeof(Console).Assembly,
            typeof(System.Text.Json.JsonSerializer).Assembly,
            typeof(Regex).Assembly,
            typeof(HttpClient).Assembly,
            typeof(Uri).Assembly,
            typeof(System.ComponentModel.INotifyPropertyChanged).Assembly,
            typeof(System.Linq.Expressions.Expression).Assembly,
            typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly,
            typeof(System.Data.DataTable).Assembly,
            typeof(KernelScriptOptions).Assembly)
        .WithImports(Imports)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(System.Text.Encoding.UTF8)
        .WithOptimizationLevel(OptimizationLevel.Debug);
}

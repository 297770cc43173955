using System.Reflection;
using Sept.Kernel.Notebook;
using Sept.Kernel.Scripting;
using Sept.Notebooks.Analysis;

namespace Sept.Kernel.Tests;

/// <summary>The analyzer compiles cells against a copy of the kernel's usings and helper names; they must agree,
/// or cells would show false unbound reads (or miss real ones).</summary>
public sealed class AnalysisAgreementTests
{
    [Fact]
    public void The_analyzer_uses_the_kernel_imports_except_the_helper_namespace()
    {
        var kernelImports = KernelScriptOptions.Imports.Where(i => i != typeof(NotebookFunctions).Namespace);
        Assert.Equal(kernelImports.Order(), ScriptReferences.DefaultUsings.Order());
    }

    [Fact]
    public void Every_helper_name_a_cell_can_use_is_known_to_the_analyzer()
    {
        var helperTypes = typeof(NotebookFunctions).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(NotebookFunctions).Namespace && t != typeof(NotebookFunctions))
            .Select(t => t.Name.Split('`')[0]);
        var functions = typeof(NotebookFunctions).GetMembers(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m is MethodInfo { IsSpecialName: false } or PropertyInfo)
            .Select(m => m.Name);
        var missing = helperTypes.Concat(functions).Distinct().Where(n => !ScriptReferences.ProvidedNames.Contains(n));
        Assert.Empty(missing);
    }
}

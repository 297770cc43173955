using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sept.Functions.Cells;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Exchange;

/// <summary>Writes a notebook as a .NET file-based app: <c>dotnet run notebook.cs</c> runs the C# cells top to bottom.
/// Each cell is a <c>// #region sept:cell kind=.. id=..</c> block so <see cref="CsFileImport"/> restores it.
/// A C# file cannot mix usings and types freely with statements, so using directives move to the top and type
/// declarations to the bottom, with markers that import puts back; a trailing expression becomes <c>Display(expr);</c>.
/// Markdown becomes comments, SQL a raw string literal (run it with DuckDB to reproduce the cell), an input cell a
/// variable with its current value, a chart a comment.</summary>
public static class CsFileExport
{
    // Parsing user code: on a large stack like analysis (see BoundedStack).
    public static string Write(NotebookFile notebook) => BoundedStack.Run(() => WriteOnLargeStack(notebook));

    private static string WriteOnLargeStack(NotebookFile notebook)
    {
        var usings = new List<string>();
        var packages = new List<string>();
        var types = new StringBuilder();
        var body = new StringBuilder();
        foreach (var cell in notebook.Cells)
        {
            var id = cell.Id ?? Guid.NewGuid().ToString("N");
            var header = $"// #region sept:cell kind={CellMapping.KindName(cell.Kind)} id={id}";
            var text = cell.Kind switch
            {
                CellKind.Code => Code(Directives(cell.Source, packages), id, usings, types, ref header),
                CellKind.Markdown => Comment(cell.Source),
                CellKind.Sql => Sql(cell.Source, id),
                CellKind.Input => SourceComment(cell.Source) + Input(cell.Config),
                _ => SourceComment(cell.Source) + $"// Chart ({Config(cell.Config)}): rendered by Sept only.\n",
            };
            if (cell.Config is { } config) header += $" config={config.GetRawText()}";
            body.Append(header).Append('\n').Append(text);
            if (text.Length > 0 && text[^1] != '\n') body.Append('\n');
            body.Append("// #endregion\n\n");
        }

        var file = new StringBuilder();
        file.Append("#!/usr/bin/env dotnet\n");
        file.Append($"// Sept notebook \"{notebook.Name.ReplaceLineEndings(" ")}\" as a .NET file-based app: `dotnet run <this file>` runs the cells top to bottom.\n");
        file.Append("// Import it into Sept to get the cells back. Cells that declare the same name must be renamed before this file compiles.\n");
        file.Append($"// sept:notebook reactive={(notebook.Reactive ? "true" : "false")} name={notebook.Name.ReplaceLineEndings(" ")}\n\n");
        if (packages.Count > 0) file.Append(string.Join('\n', packages.Distinct())).Append("\n\n");
        if (usings.Count > 0)
        {
            file.Append("// #region sept:usings\n");
            foreach (var u in usings.Distinct()) file.Append(u).Append('\n');
            file.Append("// #endregion\n\n");
        }
        file.Append(body);
        file.Append("// #region sept:helpers\nstatic void Display(object? value) => Console.WriteLine(value);\n// #endregion\n");
        if (types.Length > 0) file.Append("\n// #region sept:types\n").Append(types).Append("// #endregion\n");
        return file.ToString();
    }

    /// <summary>A cell's #r "nuget:" and #i lines become the file's #:package / #:property directives (which
    /// `dotnet run` restores) and stay in the cell as <c>// sept:directive</c> comments that import puts back.</summary>
    private static string Directives(string source, List<string> packages)
    {
        var split = CellDirectives.Split(source);
        if (split.Directives.Count == 0) return source;
        var lines = source.Split('\n');
        foreach (var directive in split.Directives)
        {
            packages.Add(directive.Kind switch
            {
                DirectiveKind.Package => $"#:package {directive.Value}@{directive.Version ?? "*"}",
                DirectiveKind.Feed => $"#:property RestoreAdditionalProjectSources={directive.Value}",
                _ => $"// {directive.Value}: reference this assembly from a project to run the file.",
            });
            lines[directive.Line - 1] = "// sept:directive " + lines[directive.Line - 1].Trim();
        }
        return string.Join('\n', lines);
    }

    private static string Code(string source, string id, List<string> usings, StringBuilder types, ref string header)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        var edits = new List<(int Start, int Length, string Text)>();
        foreach (var u in root.Usings)
        {
            usings.Add(u.ToString());
            edits.Add((u.SpanStart, u.Span.Length, $"// sept:using {u}"));
        }
        var moved = 0;
        foreach (var member in root.Members)
        {
            if (member is GlobalStatementSyntax or MethodDeclarationSyntax or FieldDeclarationSyntax or PropertyDeclarationSyntax) continue;
            types.Append($"// sept:type {id} {moved}\n").Append(member.ToString()).Append('\n');
            edits.Add((member.SpanStart, member.Span.Length, $"// sept:type {moved}"));
            moved++;
        }
        if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
        {
            edits.Add((last.SpanStart, last.Span.Length, $"Display({last.Expression});"));
            header += " display=true";
        }
        var text = source;
        foreach (var (start, length, replacement) in edits.OrderByDescending(e => e.Start))
            text = string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(start + length));
        return text;
    }

    private static string Comment(string text) =>
        string.Concat(text.TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? "//\n" : $"// {line}\n"));

    private static string SourceComment(string source) =>
        source.Length == 0 ? "" : string.Concat(source.TrimEnd('\n').Split('\n').Select(line => $"// sept:source {line}\n"));

    private static string Sql(string source, string id)
    {
        var quotes = new string('"', Math.Max(3, LongestQuoteRun(source) + 1));
        return $"var sql_{id[..8]} = {quotes}\n{source.TrimEnd('\n')}\n{quotes};\n"
            + "// SQL cell: Sept runs this on DuckDB; run the string with DuckDB.NET (#:package DuckDB.NET.Data.Full) to reproduce it here.\n";
    }

    private static string Input(JsonElement? config)
    {
        if (config is not { ValueKind: JsonValueKind.Object } c || !c.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String
            || !SyntaxFacts.IsValidIdentifier(n.GetString()))
            return "// Input cell without a usable name.\n";
        var value = c.TryGetProperty("value", out var v) ? v : default;
        var literal = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => SymbolDisplay.FormatLiteral(value.GetString()!, quote: true),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "default(object)",
        };
        return $"var {n.GetString()} = {literal}; // input widget value\n";
    }

    private static string Config(JsonElement? config) => config is { } c ? c.GetRawText() : "no config";

    private static int LongestQuoteRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '"' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}

using System.Text.RegularExpressions;

namespace Sept.Notebooks.Analysis;

public enum DirectiveKind { Package, Assembly, Feed }

/// <summary>One directive line: <c>#r "nuget: Id[, Version]"</c> (Package), <c>#r "lib.dll"</c> (Assembly) or
/// <c>#i "nuget: feed url"</c> (Feed). Line is 1-based.</summary>
public sealed record CellDirective(DirectiveKind Kind, string Value, string? Version, int Line);

/// <summary>A cell split into its directives and the code the compiler sees (directive lines turned into spaces, so
/// every line, column and offset stays where the user wrote it).</summary>
public sealed record DirectiveSplit(IReadOnlyList<CellDirective> Directives, IReadOnlyList<CellDiagnostic> Errors, string Code);

/// <summary>Reads the <c>#r</c>/<c>#i</c> lines at the top of a C# cell (before the first line of code; blank and
/// <c>//</c> comment lines may come between), the syntax of .NET Interactive and C# scripts. Both the kernel and the
/// analyzer use it, so a notebook's package set (the union of its cells' directives) means the same everywhere.</summary>
public static partial class CellDirectives
{
    [GeneratedRegex("""^\s*#(?<kind>r|i)\s+"(?<value>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex DirectiveLine();

    [GeneratedRegex("""^\s*#(r|i)\b""")]
    private static partial Regex DirectiveStart();

    public static DirectiveSplit Split(string source)
    {
        if (!source.Contains('#', StringComparison.Ordinal)) return new DirectiveSplit([], [], source);
        var lines = source.Split('\n');
        var directives = new List<CellDirective>();
        var errors = new List<CellDiagnostic>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal)) continue;
            if (!DirectiveStart().IsMatch(line)) break;
            var match = DirectiveLine().Match(line);
            var error = match.Success ? Parse(match.Groups["kind"].Value, match.Groups["value"].Value.Trim(), i + 1, directives) : null;
            if (!match.Success) error = "A directive is #r \"nuget: Name, Version\", #r \"file.dll\" or #i \"nuget: feed url\".";
            if (error is not null) errors.Add(new CellDiagnostic("SEPT_DIRECTIVE", error, i + 1, line.Length - trimmed.Length + 1, true));
            lines[i] = new string(' ', line.Length) + (lines[i].EndsWith('\r') ? "\r" : "");
        }
        return new DirectiveSplit(directives, errors, string.Join('\n', lines));
    }

    /// <summary>The package directives of many cells as one set; a later cell's version of a package wins.</summary>
    public static IReadOnlyList<CellDirective> Union(IEnumerable<IReadOnlyList<CellDirective>> cells)
    {
        var byKey = new Dictionary<string, CellDirective>(StringComparer.OrdinalIgnoreCase);
        foreach (var directive in cells.SelectMany(c => c))
            byKey[$"{directive.Kind}:{directive.Value}"] = directive;
        return byKey.Values.ToList();
    }

    private static string? Parse(string kind, string value, int line, List<CellDirective> into)
    {
        var nuget = value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase);
        var body = nuget ? value["nuget:".Length..].Trim() : value;
        if (kind == "i")
        {
            if (!Uri.TryCreate(body, UriKind.Absolute, out var feed) || feed.Scheme is not ("https" or "http" or "file"))
                return $"#i takes a feed: #i \"nuget: https://…/index.json\" ('{body}' is not a feed url).";
            into.Add(new CellDirective(DirectiveKind.Feed, body, null, line));
            return null;
        }
        if (!nuget)
        {
            if (!body.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                return $"#r takes \"nuget: Name[, Version]\" or an assembly file (.dll), not '{body}'.";
            into.Add(new CellDirective(DirectiveKind.Assembly, body, null, line));
            return null;
        }
        var parts = body.Split(',', 2, StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0 || parts[0].Any(c => char.IsWhiteSpace(c) || c is '/' or '\\'))
            return $"'{parts[0]}' is not a package name: #r \"nuget: Name, Version\".";
        var version = parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null;
        into.Add(new CellDirective(DirectiveKind.Package, parts[0], version, line));
        return null;
    }
}

namespace Sept.LanguageServices.Features;

/// <summary>Offsets are UTF-16 positions in the cell's text; lines and columns are 1-based.</summary>
public sealed record TextRange(int From, int To, int Line, int Column, int EndLine, int EndColumn);

/// <summary>A notebook name's origin: the cell that declares it (id and its number in the notebook).</summary>
public sealed record DefiningCell(string CellId, int Number);

/// <param name="Kind">CodeMirror's completion type: class, interface, enum, constant, method, property,
/// variable, keyword, namespace, type.</param>
/// <param name="Detail">The type of a notebook name or member; Roslyn's inline description otherwise.</param>
/// <param name="Cell">For a name another cell declares: that cell.</param>
public sealed record CompletionEntry(
    string Label, string Insert, string Kind, string? Detail, string SortText, string FilterText, DefiningCell? Cell);

/// <summary>Completions replace [From, To) (the word being typed).</summary>
public sealed record CompletionResult(int From, int To, IReadOnlyList<CompletionEntry> Items);

public sealed record HoverResult(TextRange Range, string Signature, string? Documentation, DefiningCell? Cell);

public sealed record SignatureParameter(string Label, string? Documentation);

/// <summary>A signature reads Prefix + Parameters joined with ", " + Suffix.</summary>
public sealed record SignatureEntry(string Prefix, IReadOnlyList<SignatureParameter> Parameters, string Suffix, string? Documentation);

public sealed record SignatureResult(IReadOnlyList<SignatureEntry> Signatures, int ActiveSignature, int ActiveParameter);

public sealed record DefinitionResult(string CellId, int Number, TextRange Range);

public sealed record EditorDiagnostic(string Id, string Message, string Severity, TextRange Range);

/// <summary>A cell's compiler diagnostics against the notebook as bound.</summary>
public sealed record CellDiagnosticsResult(string CellId, int Errors, int Warnings, IReadOnlyList<EditorDiagnostic> Diagnostics);

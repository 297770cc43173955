namespace Sept.Notebooks.Analysis;

public enum SqlTokenKind
{
    Identifier,
    QuotedIdentifier,
    String,
    Number,
    Placeholder,
    PositionalParameter,
    Punctuation,
    Operator,
}

/// <summary>One SQL token; comments and whitespace are not tokens. Start/Length index the cell source.</summary>
public readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, string Text)
{
    public bool Is(string punctuation) => Kind is SqlTokenKind.Punctuation or SqlTokenKind.Operator && Text == punctuation;

    public bool IsKeyword(string keyword) =>
        Kind == SqlTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An unqualified name in table position (FROM, JOIN, INTO, UPDATE) that may be a notebook value.</summary>
public sealed record SqlTableReference(string Name, int Start, int Length);

namespace Sept.Notebooks.Analysis;

/// <summary>A {name} placeholder in SQL or Markdown: Name without braces; Start/Length cover the braces.</summary>
public sealed record Placeholder(string Name, int Start, int Length);

namespace Sept.Functions.Editor;

/// <summary>Body of the completion, hover, signature and definition requests.</summary>
/// <param name="Position">UTF-16 offset in the cell's text (0 to its length).</param>
/// <param name="Source">The text the editor holds now, when it has unsaved typing; otherwise the stored source is used.
/// Never saved.</param>
public sealed record EditorPositionRequest(int? Position, string? Source);

namespace Sept.Azure.Sessions;

/// <summary>
/// A dynamic-session identifier: 4–128 characters, letters, digits and | - &amp; ^ % $ # ( ) { } [ ] ; &lt; &gt;.
/// The same identifier always reaches the same session (and its kernel state) until the session expires.
/// </summary>
public readonly record struct SessionIdentifier
{
    public const int MinLength = 4;
    public const int MaxLength = 128;
    const string Punctuation = "|-&^%$#(){}[];<>";

    SessionIdentifier(string value) => Value = value;

    public string Value { get; }

    /// <summary>Sept's scheme: one session per project, p-&lt;projectId&gt;.</summary>
    public static SessionIdentifier ForProject(Guid projectId) => new($"p-{projectId:D}");

    /// <summary>Validates an identifier; returns null and a reason when it is not allowed.</summary>
    public static SessionIdentifier? TryCreate(string value, out string? error)
    {
        error = value switch
        {
            null or "" => "A session identifier is required.",
            { Length: < MinLength or > MaxLength } => $"A session identifier must be {MinLength}–{MaxLength} characters, not {value.Length}.",
            _ when value.FirstOrDefault(c => !IsAllowed(c)) is var bad and not '\0' =>
                $"A session identifier may contain letters, digits and {Punctuation}; '{bad}' is not allowed.",
            _ => null,
        };
        return error is null ? new SessionIdentifier(value!) : null;
    }

    static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || Punctuation.Contains(c);

    public override string ToString() => Value;
}

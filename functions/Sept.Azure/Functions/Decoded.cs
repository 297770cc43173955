namespace Sept.Azure.Functions;

/// <summary>A decoded invocation payload, or why it could not be decoded.</summary>
public sealed record Decoded<T>(T? Value, string? Error) where T : class
{
    public bool IsValid => Error is null;

    public static Decoded<T> Ok(T value) => new(value, null);

    public static Decoded<T> Invalid(string error) => new(null, error);
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace Sept.Functions.Hosting;

/// <summary>What a command did: the result, or why not (an HTTP status and a detail that says what to fix).</summary>
public abstract record CommandOutcome<T>
{
    public sealed record Done(T Value) : CommandOutcome<T>;
    public sealed record Refused(int Status, string Detail) : CommandOutcome<T>;

    public static CommandOutcome<T> Invalid(string detail) => new Refused(StatusCodes.Status400BadRequest, detail);
    public static CommandOutcome<T> Forbidden(string detail) => new Refused(StatusCodes.Status403Forbidden, detail);
    public static CommandOutcome<T> NotFound(string detail) => new Refused(StatusCodes.Status404NotFound, detail);
    public static CommandOutcome<T> Conflict(string detail) => new Refused(StatusCodes.Status409Conflict, detail);

    /// <summary>The refusal as problem+json (<paramref name="invalidTitle"/> titles a 400).</summary>
    public ProblemHttpResult ToProblem(string invalidTitle) => this switch
    {
        Refused r => Problems.Problem(r.Status, r.Status switch
        {
            StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status409Conflict => "Conflict",
            StatusCodes.Status429TooManyRequests => "Too many sessions",
            _ => invalidTitle,
        }, r.Detail),
        _ => Problems.Problem(StatusCodes.Status500InternalServerError, "Unexpected outcome", GetType().Name),
    };
}

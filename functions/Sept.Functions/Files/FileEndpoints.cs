using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sept.Functions.Hosting;
using Sept.Functions.Kernels;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Files;

public sealed record UploadedFile(string Name, long Size, string ContentType);

/// <summary>Uploaded data files (stored under "files/", copied to the kernel so cells open them by name)
/// and the full versions of truncated outputs.</summary>
public static class FileEndpoints
{
    public const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects/{projectId}");
        group.MapPost("/files", UploadAsync).RequireProjectRole(WorkspaceRole.Editor).WithMetadata(new OwnBodyLimit());
        group.MapGet("/files", ListAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapGet("/files/{name}", (string projectId, string name, IProjectStore store, IOutputStore outputs, CancellationToken ct) =>
            DownloadAsync(projectId, $"files/{name}", store, outputs, ct)).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapGet("/outputs/{**path}", (string projectId, string path, IProjectStore store, IOutputStore outputs, CancellationToken ct) =>
            DownloadAsync(projectId, $"outputs/{path}", store, outputs, ct)).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    private static async Task<Results<Created<UploadedFile[]>, ProblemHttpResult>> UploadAsync(
        string projectId, HttpRequest request, IProjectStore store, IOutputStore outputs, IKernelHost kernels,
        IOptions<SeptOptions> options, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || await store.GetProjectAsync(id, cancellationToken) is null)
            return Problems.NotFound($"Project {projectId} does not exist.");
        var max = options.Value.MaxUploadBytes;
        if (request.ContentLength > max) return TooLarge(max);
        if (!request.HasFormContentType) return Problems.BadRequest("Send the file as multipart/form-data.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max }, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            return Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large", e.Message);
        }
        if (form.Files.Count == 0) return Problems.BadRequest("The form has no file part.");
        var stored = new List<UploadedFile>();
        foreach (var file in form.Files)
        {
            if (file.Length > max) return TooLarge(max);
            var name = Path.GetFileName(file.FileName);
            if (!IsSafeName(name)) return Problems.BadRequest($"'{file.FileName}' is not a usable file name.");
            var contentType = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType;
            await using (var content = file.OpenReadStream())
                await outputs.PutAsync(id, $"files/{name}", content, contentType, cancellationToken);
            await using (var content = file.OpenReadStream())
                await kernels.PutFileAsync(id, name, content, cancellationToken);
            stored.Add(new UploadedFile(name, file.Length, contentType));
        }
        return TypedResults.Created($"/api/projects/{projectId}/files", stored.ToArray());
    }

    private static async Task<Results<Ok<UploadedFile[]>, ProblemHttpResult>> ListAsync(
        string projectId, IProjectStore store, IOutputStore outputs, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || await store.GetProjectAsync(id, cancellationToken) is null)
            return Problems.NotFound($"Project {projectId} does not exist.");
        var items = await outputs.ListAsync(id, "files/", cancellationToken);
        return TypedResults.Ok(items.Select(i => new UploadedFile(i.Path["files/".Length..], i.Size, i.ContentType)).ToArray());
    }

    private static async Task<IResult> DownloadAsync(
        string projectId, string path, IProjectStore store, IOutputStore outputs, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || await store.GetProjectAsync(id, cancellationToken) is null)
            return Problems.NotFound($"Project {projectId} does not exist.");
        if (path.Split('/').Any(part => part is "" or "." or ".."))
            return Problems.NotFound($"No item '{path}' in project {projectId}.");
        var item = await outputs.OpenAsync(id, path, cancellationToken);
        return item is null
            ? Problems.NotFound($"No item '{path}' in project {projectId}.")
            : TypedResults.Stream(item.Content, item.Info.ContentType, Path.GetFileName(path));
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name is not ("." or "..") && !name.StartsWith('.')
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && !name.EndsWith(".type", StringComparison.Ordinal)
        && !name.EndsWith(".part", StringComparison.Ordinal);

    private static ProblemHttpResult TooLarge(long max) =>
        Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large", $"Files may be at most {max} bytes.");
}

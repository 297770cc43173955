using Microsoft.Extensions.Options;

namespace Sept.Kernel;

/// <summary>POST /files/upload?identifier=…: the Container Apps sessions file-upload shape (multipart/form-data, part
/// "file" with its file name). A custom-container session pool forwards the path to the container, so the kernel
/// serves it itself and writes into <see cref="KernelOptions.FilesDirectory"/>, its working directory.</summary>
internal static class FileEndpoints
{
    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/files/upload", UploadAsync);
        return routes;
    }

    /// <summary>Makes the files directory the working directory (created when missing).</summary>
    public static void EnterFilesDirectory(IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<KernelOptions>>().Value.FilesDirectory is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        Directory.SetCurrentDirectory(folder);
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, IOptions<KernelOptions> options, CancellationToken ct)
    {
        if (options.Value.FilesDirectory is not { Length: > 0 } folder)
            return TypedResults.Problem("This kernel has no files directory (Kernel:FilesDirectory).", statusCode: StatusCodes.Status404NotFound);
        // As large as the app allows (Sept:MaxUploadBytes); only the kernel's host can reach this.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        if (!request.HasFormContentType) return TypedResults.Problem("Send the file as multipart/form-data.", statusCode: StatusCodes.Status400BadRequest);
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file) return TypedResults.Problem("The form has no 'file' part.", statusCode: StatusCodes.Status400BadRequest);
        var name = Path.GetFileName(file.FileName);
        if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            return TypedResults.Problem($"'{file.FileName}' is not a usable file name.", statusCode: StatusCodes.Status400BadRequest);
        Directory.CreateDirectory(folder);
        await using (var target = File.Create(Path.Combine(folder, name)))
        await using (var content = file.OpenReadStream())
            await content.CopyToAsync(target, ct);
        return TypedResults.Ok(new UploadedFile(name, file.Length));
    }

    private sealed record UploadedFile(string Name, long Size);
}

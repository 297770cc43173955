using Microsoft.Extensions.FileProviders;

namespace Sept.Functions.Hosting;

/// <summary>Serves the built web UI from Sept:WebRoot at /, with index.html for client-side routes (not /api/...).
/// Call before UseRouting.</summary>
public static class WebRootHosting
{
    public static WebApplication UseWebRoot(this WebApplication app)
    {
        var root = app.Configuration[$"{SeptOptions.Section}:WebRoot"];
        if (string.IsNullOrWhiteSpace(root) || !Directory.Exists(root)) return app;
        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        if (File.Exists(Path.Combine(root, "index.html")))
            // Anonymous like the static files: the page must load before anyone signs in.
            app.MapFallbackToFile("{*path:regex(^(?!api/).*$)}", "index.html", new StaticFileOptions { FileProvider = files }).AllowAnonymous();
        return app;
    }
}

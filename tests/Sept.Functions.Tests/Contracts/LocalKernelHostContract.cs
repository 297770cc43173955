using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Kernels;
using Sept.Functions.Storage;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Contracts;

/// <summary>The kernel host contract for local hosting: <see cref="LocalKernelHost"/> with its kernel-process pool,
/// as the app registers it.</summary>
public sealed class LocalKernelHostContract : KernelHostContract
{
    protected override Task<KernelHostTwin> StartAsync() => Task.FromResult<KernelHostTwin>(new LocalTwin(new SeptApplication()));

    private sealed class LocalTwin(SeptApplication app) : KernelHostTwin
    {
        public override IKernelHost Host => app.Services.GetRequiredService<IKernelHost>();

        public override async Task StoreFileAsync(ProjectId project, string name, string content) =>
            await app.Services.GetRequiredService<IOutputStore>().PutAsync(project, $"files/{name}",
                new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), "text/plain", default);

        public override ValueTask DisposeAsync() => app.DisposeAsync();
    }
}

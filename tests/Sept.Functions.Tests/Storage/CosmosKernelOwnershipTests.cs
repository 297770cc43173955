using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Storage;

/// <summary>The kernel-ownership document (ETag + fencing generation) on cosmosdb-server.</summary>
public sealed class CosmosKernelOwnershipTests(CosmosEmulatorFixture cosmos) : IClassFixture<CosmosEmulatorFixture>
{
    private readonly CosmosKernelOwnership _ownership = new(cosmos.Container, TimeProvider.System);

    [Fact]
    public async Task Each_claim_raises_the_generation_and_release_marks_the_kernel_idle()
    {
        var project = ProjectId.New();
        Assert.Null(await _ownership.GetAsync(project, default));
        var first = (await _ownership.ClaimAsync(project, "p-x", "r1", default))!;
        Assert.Equal(1, first.Generation);
        Assert.Equal(("busy", "r1"), ((await _ownership.GetAsync(project, default))!.Status, (await _ownership.GetAsync(project, default))!.CurrentRunId));
        Assert.True(await _ownership.ReleaseAsync(project, first, default));
        var second = (await _ownership.ClaimAsync(project, "p-x", "r2", default))!;
        Assert.Equal(2, second.Generation);
        Assert.True(await _ownership.ReleaseAsync(project, second, default));
        var state = (await _ownership.GetAsync(project, default))!;
        Assert.Equal(("idle", 2L, 2L), (state.Status, state.Generation, state.ExecCount));
    }

    [Fact]
    public async Task A_handler_fenced_out_by_a_newer_claim_cannot_release_the_kernel()
    {
        var project = ProjectId.New();
        var old = (await _ownership.ClaimAsync(project, "p-x", "r1", default))!;
        var newer = (await _ownership.ClaimAsync(project, "p-x", "r2", default))!;
        Assert.False(await _ownership.ReleaseAsync(project, old, default));
        var state = (await _ownership.GetAsync(project, default))!;
        Assert.Equal(("busy", "r2", newer.Generation), (state.Status, state.CurrentRunId, state.Generation));
    }

    [Fact]
    public async Task Concurrent_claims_never_share_a_generation()
    {
        var project = ProjectId.New();
        await _ownership.ClaimAsync(project, "p-x", "r0", default);
        var claims = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => _ownership.ClaimAsync(project, "p-x", $"r{i}", default)));
        var won = claims.OfType<KernelClaim>().Select(c => c.Generation).ToList();
        Assert.NotEmpty(won);
        Assert.Equal(won.Count, won.Distinct().Count());
        Assert.Equal(1 + won.Count, (await _ownership.GetAsync(project, default))!.Generation);
    }
}

using Microsoft.CodeAnalysis.CSharp.Scripting;
using Sept.Kernel.Scripting;
using static Sept.Kernel.Tests.ReactiveValueTests;

namespace Sept.Kernel.Tests;

/// <summary>The cache's fallback: a submission whose shape is not what SubmissionReflection expects is not cached,
/// and a kernel without the cache (Kernel:CompileCache=false) compiles every run with the same results.</summary>
public sealed class CompileCacheFallbackTests
{
    [Fact]
    public async Task The_reflection_reads_a_real_chain_and_refuses_any_other_shape()
    {
        var state = await CSharpScript.RunAsync<object>("var a = 1;");
        state = await state.ContinueWithAsync<object>("var b = a + 1; b");
        var newest = SubmissionReflection.Newest(state, out var unexpected);
        Assert.NotNull(newest);
        Assert.False(unexpected);
        Assert.Equal(["b"], newest.Fields.Select(f => f.Name));
        Assert.False(newest.Opaque);
        var states = SubmissionReflection.States(state)!;
        SubmissionReflection.Describe(states, 1)!.Fields[0].SetValue(states[1], 41);
        Assert.Equal(42, await newest.Factory(states));

        Assert.Null(SubmissionReflection.Describe([null, "not a submission"], 1));
        Assert.Null(SubmissionReflection.Describe([null, new object[1]], 1));
        Assert.Null(SubmissionReflection.Describe(states, 0));
        Assert.Null(SubmissionReflection.Describe(null, 1));

        // Only usings: nothing ran, so the newest slot is an older submission's, which is not this one.
        var usings = await state.ContinueWithAsync<object>("using System.Text;");
        Assert.Null(SubmissionReflection.Newest(usings, out unexpected));
        Assert.False(unexpected);
    }

    [Fact]
    public async Task Without_the_cache_every_run_compiles_and_values_follow_the_bindings()
    {
        await using var pool = new KernelPool(new KernelPoolOptions
        {
            WarmKernels = 1,
            HealthCheckInterval = TimeSpan.FromMinutes(5),
            Process = new KernelProcessOptions { KernelSettings = { ["CompileCache"] = "false" } },
        });
        await pool.StartAsync();
        var session = await pool.GetSessionAsync("no-cache");
        string a = Cells.NewId(), b = Cells.NewId(), c = Cells.NewId();
        (await session.CodeAsync(a, "var x = 1;")).Ok();
        (await session.CodeAsync(b, "var x = 100;")).Ok();
        var first = (await session.CodeAsync(c, "x + 1", Bind("x", b))).Ok();
        (await session.CodeAsync(a, "var x = 5;")).Ok();
        var again = (await session.CodeAsync(c, "x + 1", Bind("x", b))).Ok();
        Assert.Equal(("101", "101"), (first.Text, again.Text));
        Assert.Equal(first.Finished.CompileCount + 2, again.Finished.CompileCount);
    }
}

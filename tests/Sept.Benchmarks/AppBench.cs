using System.Diagnostics;
using System.Text.Json;

namespace Sept.Benchmarks;

/// <summary>The measured scenarios of scripts/bench app, each through the real app over HTTP + SignalR:
/// (1) warm trivial cell, (2) 100-cell reactive cascade, (3) new project to first result, (4) GET project at a fixed
/// rate, (5) concurrent projects each running a 200 ms cell.</summary>
internal sealed class AppBench(AppServer server, AppClient client, CancellationToken cancellationToken)
{
    public const int ChainCells = 100;
    public const int WarmKernels = 1;

    /// <summary>(1) POST run → the cell's success cellUpdated, and → runFinished (ms samples).</summary>
    public async Task<(Timings Result, Timings Finished, Timings Accepted, (double App, double Kernels) CpuPerRun)> WarmTrivialCellAsync(int warmUp, int measured)
    {
        var project = await NewProjectAsync("warm cell", reactive: true);
        var (cell, _) = await client.AddCellAsync(project, "1 + 1", cancellationToken);
        var result = new Timings();
        var finished = new Timings();
        var accepted = new Timings();
        var cpu = (App: 0.0, Kernels: 0.0);
        for (var i = 0; i < warmUp + measured; i++)
        {
            if (i == warmUp)
            {
                // The pool replaces the kernel this project took; let that start finish so its CPU is not counted.
                await KernelProcesses.WaitSettledAsync(server.ProcessId, WarmKernels + 1, TimeSpan.FromMinutes(1), cancellationToken);
                cpu = KernelProcesses.CpuMs(server.ProcessId);
            }
            var start = Stopwatch.GetTimestamp();
            var next = client.NextResultAsync(cell);
            var (runId, _) = await client.RunAsync(project, "cell", [cell], cancellationToken);
            var acceptedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var resultCell = await next;
            var resultMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            await client.RunFinishedAsync(runId);
            var finishedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (resultCell.GetProperty("state").GetString() != "success") throw new InvalidOperationException($"trivial cell failed: {resultCell}");
            if (i < warmUp) continue;
            result.Add(resultMs);
            finished.Add(finishedMs);
            accepted.Add(acceptedMs);
        }
        // Before the delete, which ends this project's kernel (and its CPU count).
        var cpuAfter = KernelProcesses.CpuMs(server.ProcessId);
        await client.DeleteProjectAsync(project, cancellationToken);
        return (result, finished, accepted, ((cpuAfter.App - cpu.App) / measured, (cpuAfter.Kernels - cpu.Kernels) / measured));
    }

    /// <summary>Builds the 100-cell chain `var x0 = 1; var x1 = x0 + 1; …` in a reactive project and runs it once.</summary>
    public async Task<(string Project, string FirstCell, long Version)> ChainProjectAsync()
    {
        var project = await NewProjectAsync("chain", reactive: true);
        var (first, version) = await client.AddCellAsync(project, "var x0 = 1;", cancellationToken);
        for (var i = 1; i < ChainCells; i++)
            await client.AddCellAsync(project, $"var x{i} = x{i - 1} + 1;", cancellationToken);
        var (runId, cells) = await client.RunAsync(project, "all", [], cancellationToken);
        if (cells != ChainCells) throw new InvalidOperationException($"run all planned {cells} cells, not {ChainCells}");
        await client.RunFinishedAsync(runId);
        return (project, first, version);
    }

    /// <summary>(2) PATCH cell 1 (If-Match) + run it → runFinished of the 100-cell cascade. Also the server's own run
    /// time (runFinished.ms), the realtime events per cascaded cell, and the sum of the cells' lastRunMs after the last
    /// cascade (time inside each cell's kernel call, so the rest of the server time is the app's per-cell overhead).</summary>
    public async Task<(Timings Total, Timings Server, double EventsPerCell, double LastKernelMs, double LastServerMs)> CascadeAsync(
        string project, string firstCell, long version, int samples)
    {
        await KernelProcesses.WaitSettledAsync(server.ProcessId, WarmKernels + 1, TimeSpan.FromMinutes(1), cancellationToken);
        var total = new Timings();
        var serverMs = new Timings();
        var before = client.EventCounts();
        var lastServerMs = 0.0;
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            version = await client.EditCellAsync(project, firstCell, version, $"var x0 = {i + 2};", cancellationToken);
            var (runId, cells) = await client.RunAsync(project, "cell", [firstCell], cancellationToken);
            var finished = await client.RunFinishedAsync(runId);
            total.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (cells != ChainCells) throw new InvalidOperationException($"the cascade planned {cells} cells, not {ChainCells}");
            lastServerMs = finished.GetProperty("ms").GetDouble();
            serverMs.Add(lastServerMs);
        }
        var after = client.EventCounts();
        var events = after.Sum(e => e.Value - before.GetValueOrDefault(e.Key));
        using var response = await client.Http.GetAsync($"/api/projects/{project}", cancellationToken);
        var cellsNow = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("cells");
        var kernelMs = cellsNow.EnumerateArray().Sum(c => c.GetProperty("lastRunMs").GetDouble());
        return (total, serverMs, (double)events / samples / ChainCells, kernelMs, lastServerMs);
    }

    /// <summary>(3) create project + add a cell + run → the cell's first result, once the warm pool has settled.</summary>
    public async Task<Timings> FirstResultAsync(int samples, int warmKernels, int openProjects)
    {
        var timings = new Timings();
        for (var i = 0; i < samples; i++)
        {
            if (!await KernelProcesses.WaitSettledAsync(server.ProcessId, warmKernels + openProjects, TimeSpan.FromMinutes(1), cancellationToken))
                Console.WriteLine("      (the warm pool did not settle within a minute; measuring anyway)");
            var start = Stopwatch.GetTimestamp();
            var project = await client.CreateProjectAsync($"first result {i}", reactive: true, cancellationToken);
            await client.SubscribeAsync(project, cancellationToken);
            var (cell, _) = await client.AddCellAsync(project, "1 + 1", cancellationToken);
            var next = client.NextResultAsync(cell);
            await client.RunAsync(project, "cell", [cell], cancellationToken);
            var result = await next;
            timings.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (result.GetProperty("state").GetString() != "success") throw new InvalidOperationException($"first cell failed: {result}");
            await client.DeleteProjectAsync(project, cancellationToken);
        }
        return timings;
    }

    /// <summary>(4a) GET project one at a time: latency and the app's CPU per request (independent of the machine's load).</summary>
    public async Task<(Timings Latency, double AppCpuMs, int Bytes)> GetSequentialAsync(string project, int count)
    {
        var latency = new Timings();
        var bytes = 0;
        var cpu = KernelProcesses.CpuMs(server.ProcessId).App;
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var body = await client.Http.GetByteArrayAsync($"/api/projects/{project}", cancellationToken);
            latency.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            bytes = body.Length;
        }
        return (latency, (KernelProcesses.CpuMs(server.ProcessId).App - cpu) / count, bytes);
    }

    /// <summary>(4) GET project at a fixed rate (open loop: requests go out on schedule, at most 256 in flight).</summary>
    public async Task<RateResult> GetAtRateAsync(string project, int perSecond, TimeSpan duration)
    {
        var latencies = new Timings();
        var total = (int)(perSecond * duration.TotalSeconds);
        var errors = 0;
        var skipped = 0;
        var inFlight = 0;
        var requests = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var wait = i * 1000.0 / perSecond - Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (wait >= 1) await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
            if (Volatile.Read(ref inFlight) >= 256) { skipped++; continue; }
            Interlocked.Increment(ref inFlight);
            requests.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.Http.GetAsync($"/api/projects/{project}", HttpCompletionOption.ResponseContentRead, cancellationToken);
                    var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    if (response.IsSuccessStatusCode) lock (latencies) latencies.Add(ms);
                    else Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                finally { Interlocked.Decrement(ref inFlight); }
            }, cancellationToken));
        }
        await Task.WhenAll(requests);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new RateResult(latencies.Count / seconds, latencies, errors, skipped);
    }

    /// <summary>(5) N projects with started kernels each run a 200 ms cell: one alone (median of 3), then all at once
    /// (median of 3 wall times).
    /// The CPU (app + kernels) one all-at-once round used tells how much of its wall time the 2 cores alone explain.</summary>
    public async Task<(Timings Single, Timings Concurrent, double CpuMsPerRound)> ConcurrentProjectsAsync(int count)
    {
        var projects = new List<(string Project, string Cell)>();
        for (var i = 0; i < count; i++)
        {
            var project = await NewProjectAsync($"concurrent {i}", reactive: true);
            var (cell, _) = await client.AddCellAsync(project, "await System.Threading.Tasks.Task.Delay(200);", cancellationToken);
            projects.Add((project, cell));
        }
        // Start every project's kernel first (cold starts beyond the warm pool), so the measurement is the runs.
        await RunAllAsync(projects);
        var single = new Timings();
        for (var i = 0; i < 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await RunAllAsync(projects.Take(1));
            single.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var concurrent = new Timings();
        var (app, kernels) = KernelProcesses.CpuMs(server.ProcessId);
        for (var i = 0; i < 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await RunAllAsync(projects);
            concurrent.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var (appAfter, kernelsAfter) = KernelProcesses.CpuMs(server.ProcessId);
        foreach (var (project, _) in projects) await client.DeleteProjectAsync(project, cancellationToken);
        return (single, concurrent, (appAfter - app + kernelsAfter - kernels) / 3);
    }

    private async Task RunAllAsync(IEnumerable<(string Project, string Cell)> projects)
    {
        var runs = await Task.WhenAll(projects.Select(async p =>
        {
            var (runId, _) = await client.RunAsync(p.Project, "cell", [p.Cell], cancellationToken);
            return await client.RunFinishedAsync(runId);
        }));
        if (runs.Length == 0) throw new InvalidOperationException("no runs");
    }

    private async Task<string> NewProjectAsync(string name, bool reactive)
    {
        var project = await client.CreateProjectAsync(name, reactive, cancellationToken);
        await client.SubscribeAsync(project, cancellationToken);
        return project;
    }
}

/// <summary>Outcome of a fixed-rate load: achieved rate (successful responses per second over the whole run).</summary>
internal sealed record RateResult(double AchievedPerSecond, Timings Latencies, int Errors, int Skipped);

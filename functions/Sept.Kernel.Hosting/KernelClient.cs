using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Hosting;

/// <summary>HTTP client for one kernel's /kernel endpoints. Execute streams the NDJSON events as they arrive.</summary>
public sealed class KernelClient : IDisposable
{
    private readonly HttpClient http;

    public KernelClient(Uri baseAddress) : this(new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan })
    {
    }

    public KernelClient(HttpClient http) => this.http = http;

    /// <summary>Runs a cell. Always ends with a <see cref="FinishedEvent"/> when the kernel answers; a rejected request
    /// (400, 409) yields an <see cref="ErrorEvent"/> "KernelRejected" then a finished event with status error.
    /// Throws HttpRequestException/IOException when the kernel dies mid-run.</summary>
    public async IAsyncEnumerable<KernelEvent> ExecuteAsync(ExecuteRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "kernel/execute")
        {
            Content = JsonContent.Create(request, ProtocolJson.Default.ExecuteRequest),
        };
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(ct);
            yield return new ErrorEvent(request.RunId, request.CellId, "KernelRejected", $"{(int)response.StatusCode}: {detail}");
            yield return new FinishedEvent(request.RunId, request.CellId, RunStatus.Error, 0);
            yield break;
        }
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            var e = JsonSerializer.Deserialize(line, ProtocolJson.Default.KernelEvent);
            if (e is not null) yield return e;
        }
    }

    public async Task<InterruptResponse> InterruptAsync(CancellationToken ct = default)
    {
        using var response = await http.PostAsync("kernel/interrupt", null, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(ProtocolJson.Default.InterruptResponse, ct))!;
    }

    public async Task<KernelStatus> StatusAsync(CancellationToken ct = default) =>
        (await http.GetFromJsonAsync("kernel/status", ProtocolJson.Default.KernelStatus, ct))!;

    public async Task ForgetAsync(IReadOnlyList<string> cellIds, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync("kernel/forget", new ForgetRequest(cellIds), ProtocolJson.Default.ForgetRequest, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A page of the table a cell displayed last; null when the cell has no table.</summary>
    public async Task<TablePage?> TableAsync(string cellId, int offset, int limit, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"kernel/table?cellId={Uri.EscapeDataString(cellId)}&offset={offset}&limit={limit}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(ProtocolJson.Default.TablePage, ct);
    }

    /// <summary>The scalar values the bindings name (POST /kernel/values).</summary>
    public async Task<ValuesResponse> ValuesAsync(IReadOnlyDictionary<string, string> bindings, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync("kernel/values", new ValuesRequest(bindings), ProtocolJson.Default.ValuesRequest, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(ProtocolJson.Default.ValuesResponse, ct)
            ?? throw new InvalidOperationException("The kernel answered /kernel/values with no body.");
    }

    /// <summary>Waits until Roslyn and DuckDB are warm (the kernel starts warming on its own at start-up).</summary>
    public async Task<KernelStatus> WarmUpAsync(CancellationToken ct = default)
    {
        using var response = await http.PostAsync("kernel/warmup", null, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(ProtocolJson.Default.KernelStatus, ct))!;
    }

    /// <summary>Writes a file into the kernel's files directory (POST /files/upload), from inside its sandbox.</summary>
    public async Task UploadAsync(string fileName, Stream content, CancellationToken ct = default)
    {
        using var form = new MultipartFormDataContent { { new StreamContent(content), "file", fileName } };
        using var response = await http.PostAsync("files/upload", form, ct);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();
}

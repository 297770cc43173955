using System.Runtime.CompilerServices;

namespace Sept.Azure.Sessions;

/// <summary>An NDJSON response read line by line as the kernel writes it. Dispose to release the connection.</summary>
public sealed class KernelLineStream : IAsyncDisposable
{
    readonly HttpResponseMessage _response;

    internal KernelLineStream(HttpResponseMessage response) => _response = response;

    /// <summary>Each non-empty line, as soon as it arrives.</summary>
    public async IAsyncEnumerable<string> ReadLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var body = await _response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0) yield return line;
        }
    }

    public ValueTask DisposeAsync()
    {
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

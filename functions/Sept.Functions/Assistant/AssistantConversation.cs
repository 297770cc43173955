using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Sept.Functions.Editor;
using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Kernels;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Assistant;

/// <summary>One answer: stores the question, builds the context, lets the model call the tools (M.E.AI function
/// invocation, at most MaxToolRounds round trips), streams tokens, tool calls and proposals as NDJSON lines and stores
/// the answer, also what was said before a cancel (RequestAborted) or a provider failure.</summary>
public sealed class AssistantConversation(
    EditorSessions editors, IAssistantStore store, ProposalChecks checks, IKernelHost kernels, IOutputStore outputs,
    IOptions<AssistantOptions> options, TimeProvider clock, ILogger<AssistantConversation> logger)
{
    private const int HistoryMessages = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task AnswerAsync(HttpContext http, IChatClient provider, ProjectId projectId, string userId, AskAssistant ask)
    {
        var o = options.Value;
        var aborted = http.RequestAborted;
        var history = await store.ListAsync(projectId, userId, aborted);
        var question = new AssistantMessage(projectId, userId, Guid.NewGuid().ToString("N"), "user", ask.Text!, clock.GetUtcNow());
        var editor = await editors.OpenAsync(projectId, aborted);
        if (editor is null)
        {
            await Problems.WriteAsync(http, StatusCodes.Status404NotFound, "Not found", $"Project {projectId} does not exist.");
            return;
        }
        await store.AddMessageAsync(question, aborted);
        var answerId = Guid.NewGuid().ToString("N");

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/x-ndjson";
        var gate = new SemaphoreSlim(1, 1);
        async Task WriteAsync(object line)
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                await http.Response.WriteAsync(JsonSerializer.Serialize(line, Json) + "\n", aborted);
                await http.Response.Body.FlushAsync(aborted);
            }
            finally { gate.Release(); }
        }
        await WriteAsync(new { type = "message", id = question.Id });

        var tools = new AssistantTools(editor, checks, kernels, o, userId, answerId, clock,
            (name, detail) => WriteAsync(new { type = "tool", name, detail }),
            async proposal =>
            {
                await store.AddProposalAsync(proposal, CancellationToken.None);
                await WriteAsync(new { type = "proposal", proposal = ProposalDto.Of(proposal) });
            });
        var files = (await outputs.ListAsync(projectId, "files/", aborted)).Select(f => f.Path["files/".Length..]).ToList();
        var context = await AssistantContext.BuildAsync(editor, files, ask.SelectedCellId, o.ContextBudgetChars, aborted);
        var messages = new List<ChatMessage> { new(ChatRole.System, AssistantContext.Instructions + "\n\n" + context) };
        messages.AddRange(history.TakeLast(HistoryMessages).Select(t =>
            new ChatMessage(t.Message.Role == "user" ? ChatRole.User : ChatRole.Assistant, t.Message.Text)));
        messages.Add(new ChatMessage(ChatRole.User, Question(editor, ask)));

        using var client = new ChatClientBuilder(provider)
            .UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = Math.Max(1, o.MaxToolRounds))
            .Build();
        var chatOptions = new ChatOptions { MaxOutputTokens = o.MaxOutputTokens, Tools = tools.All };
        var answer = new StringBuilder();
        long input = 0, output = 0;
        object? failure = null;
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(messages, chatOptions, aborted))
            {
                foreach (var usage in update.Contents.OfType<UsageContent>())
                {
                    input += usage.Details.InputTokenCount ?? 0;
                    output += usage.Details.OutputTokenCount ?? 0;
                }
                if (update.Text is { Length: > 0 } token)
                {
                    answer.Append(token);
                    await WriteAsync(new { type = "token", text = token });
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The browser stopped the answer: keep what was said.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The assistant's provider failed for project {Project}", projectId);
            failure = new { type = "error", title = "The assistant's provider failed", detail = AssistantContext.Shorten(e.Message, 500) };
        }
        await store.AddMessageAsync(new AssistantMessage(projectId, userId, answerId, "assistant", answer.ToString(), clock.GetUtcNow()), CancellationToken.None);
        if (aborted.IsCancellationRequested) return;
        await WriteAsync(failure ?? new { type = "done", messageId = answerId, usage = new { inputTokens = input, outputTokens = output } });
    }

    // The "Fix" button: the failed cell's source and error go with the question.
    private static string Question(EditorContext editor, AskAssistant ask)
    {
        if (ask.FixCellId is null || editor.Loaded.ToDto().Cells?.FirstOrDefault(c => c.Id == ask.FixCellId) is not { } cell) return ask.Text!;
        var errors = string.Join("\n", cell.Outputs.OfType<ErrorOutput>().Select(e => $"{e.Ename}: {e.Message}")
            .Concat(cell.Problems.Where(p => p.IsError).Select(p => p.Message)));
        return $"{ask.Text}\n\nFix cell {cell.Id} ({cell.Kind}). Its source:\n```\n{cell.Source}\n```\nIts error:\n{errors}\nPropose the fix with propose_edit.";
    }
}

/// <summary>Registers the assistant and its per-user rate limit (429 problem+json with Retry-After).</summary>
public static class AssistantServices
{
    public const string RatePolicy = "assistant";

    public static IServiceCollection AddAssistant(this IServiceCollection services)
    {
        services.AddOptions<AssistantOptions>().BindConfiguration(AssistantOptions.Section)
            .Validate(o => o.RequestsPerMinute > 0 && o.MaxRepairRounds >= 0 && o.MaxOutputTokens > 0 && o.ContextBudgetChars > 0 && o.SampleRows > 0,
                "Sept:Assistant: RequestsPerMinute, MaxOutputTokens, ContextBudgetChars and SampleRows must be positive, MaxRepairRounds >= 0.");
        services.AddSingleton<AssistantChatClients>();
        services.AddSingleton<ProposalChecks>();
        services.AddSingleton<AssistantConversation>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy<string, AssistantRatePolicy>(RatePolicy));
        return services;
    }
}

internal sealed class AssistantRatePolicy(IOptions<AssistantOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many questions",
            $"You may ask the assistant at most {options.Value.RequestsPerMinute} times per minute; retry in {seconds} s.");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var perMinute = options.Value.RequestsPerMinute;
        return RateLimitPartition.GetTokenBucketLimiter(SeptUser.FromPrincipal(httpContext.User)?.Id ?? "", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}

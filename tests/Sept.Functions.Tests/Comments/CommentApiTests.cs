using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Comments;
using Sept.Functions.Identity;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Comments;

/// <summary>Comments through the real app (SQLite, the hub) as the single local user.</summary>
public sealed class CommentApiTests : IDisposable
{
    private static readonly string[] CommentEvents = ["commentAdded", "commentUpdated", "commentRemoved"];

    private readonly SeptApplication _app = new(_ => new ScriptedKernel());
    private readonly ApiClient _api;

    public CommentApiTests() => _api = new ApiClient(_app.CreateClient());

    [Fact]
    public async Task A_thread_is_started_answered_edited_resolved_and_reopened_and_a_client_hears_each_step_in_order()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "var answer = 42;");
        var other = await _api.AddCellAsync(project.Id, "markdown", "# notes");
        await using var listener = await HubListener.ConnectAsync(_app, _api.Http, project.Id, CommentEvents);

        var first = await _api.CommentAsync(project.Id, new { cellId = cell.Id, body = "Why 42?" });
        Assert.Equal((cell.Id, SeptUser.Local, "Why 42?", (DateTimeOffset?)null), (first.CellId, first.Author, first.Body, first.EditedAt));
        Assert.Empty(first.Mentions);
        var reply = await _api.CommentAsync(project.Id, new { threadId = first.ThreadId, body = "See @You", mentions = new[] { "LOCAL@localhost" } });
        Assert.Equal((first.ThreadId, cell.Id), (reply.ThreadId, reply.CellId));
        Assert.Equal([new CommentMention("local@localhost", "You")], reply.Mentions);
        await _api.CommentAsync(project.Id, new { cellId = other.Id, body = "Elsewhere" });

        var edit = await _api.EditCommentAsync(project.Id, first.Id, new { body = "Why 42, really?" });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var edited = (await edit.Content.ReadFromJsonAsync<CommentDto>(ApiClient.Json))!;
        Assert.Equal("Why 42, really?", edited.Body);
        Assert.NotNull(edited.EditedAt);

        var resolve = await _api.ResolveAsync(project.Id, first.ThreadId, true);
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        var resolved = (await resolve.Content.ReadFromJsonAsync<ThreadDto>(ApiClient.Json))!;
        Assert.Equal((true, SeptUser.Local), (resolved.Resolved, resolved.ResolvedBy));
        Assert.NotNull(resolved.ResolvedAt);
        // Resolving again changes nothing and tells nobody (the event list below has no extra commentUpdated).
        var again = (await (await _api.ResolveAsync(project.Id, first.ThreadId, true)).Content.ReadFromJsonAsync<ThreadDto>(ApiClient.Json))!;
        Assert.Equal(resolved.ResolvedAt, again.ResolvedAt);
        var reopened = (await (await _api.ResolveAsync(project.Id, first.ThreadId, false)).Content.ReadFromJsonAsync<ThreadDto>(ApiClient.Json))!;
        Assert.Equal((false, (SeptUser?)null, (DateTimeOffset?)null), (reopened.Resolved, reopened.ResolvedBy, reopened.ResolvedAt));

        var threads = await _api.ThreadsAsync(project.Id);
        Assert.Equal(2, threads.Length);
        Assert.Equal(["Why 42, really?", "See @You"], threads[0].Comments.Select(c => c.Body));
        var onCell = Assert.Single(await _api.ThreadsAsync(project.Id, cell.Id));
        Assert.Equal(first.ThreadId, onCell.Id);

        await listener.WaitForAsync("commentUpdated", e => !e.GetProperty("thread").GetProperty("resolved").GetBoolean()
            && e.GetProperty("thread").TryGetProperty("resolvedBy", out _) == false && listener.Events.Count >= 6);
        Assert.Equal(["commentAdded", "commentAdded", "commentAdded", "commentUpdated", "commentUpdated", "commentUpdated"],
            listener.Events.Select(e => e.Target));
        var events = listener.Events;
        Assert.Equal(first.Id, events[0].Payload.GetProperty("comment").GetProperty("id").GetString());
        Assert.Equal("local@localhost", events[1].Payload.GetProperty("comment").GetProperty("mentions")[0].GetProperty("email").GetString());
        Assert.Equal("Why 42, really?", events[3].Payload.GetProperty("thread").GetProperty("comments")[0].GetProperty("body").GetString());
        Assert.Equal(2, events[3].Payload.GetProperty("thread").GetProperty("comments").GetArrayLength());
        Assert.True(events[4].Payload.GetProperty("thread").GetProperty("resolved").GetBoolean());
        Assert.Equal("You", events[4].Payload.GetProperty("thread").GetProperty("resolvedBy").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Deleting_a_reply_keeps_the_thread_and_deleting_its_first_comment_removes_the_thread()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "var x = 1;");
        var first = await _api.CommentAsync(project.Id, new { cellId = cell.Id, body = "first" });
        var reply = await _api.CommentAsync(project.Id, new { threadId = first.ThreadId, body = "reply" });
        var last = await _api.CommentAsync(project.Id, new { threadId = first.ThreadId, body = "last" });
        await using var listener = await HubListener.ConnectAsync(_app, _api.Http, project.Id, CommentEvents);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Http.DeleteAsync($"/api/projects/{project.Id}/comments/{reply.Id}")).StatusCode);
        Assert.Equal(["first", "last"], Assert.Single(await _api.ThreadsAsync(project.Id)).Comments.Select(c => c.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.DeleteAsync($"/api/projects/{project.Id}/comments/{reply.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Http.DeleteAsync($"/api/projects/{project.Id}/comments/{first.Id}")).StatusCode);
        Assert.Empty(await _api.ThreadsAsync(project.Id));
        await listener.WaitForAsync("commentRemoved", e => e.GetProperty("commentId").GetString() == last.Id);
        Assert.Equal([reply.Id, first.Id, last.Id], listener.Events.Select(e => e.Payload.GetProperty("commentId").GetString()));
        Assert.All(listener.Events, e => Assert.Equal(first.ThreadId, e.Payload.GetProperty("threadId").GetString()));
    }

    [Fact]
    public async Task Comments_survive_an_edit_of_their_cell_and_go_with_the_cell()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "var x = 1;");
        var kept = await _api.AddCellAsync(project.Id, "code", "var y = 2;");
        var first = await _api.CommentAsync(project.Id, new { cellId = cell.Id, body = "on x" });
        var reply = await _api.CommentAsync(project.Id, new { threadId = first.ThreadId, body = "indeed" });
        await _api.CommentAsync(project.Id, new { cellId = kept.Id, body = "on y" });
        await using var listener = await HubListener.ConnectAsync(_app, _api.Http, project.Id, CommentEvents);

        Assert.Equal(HttpStatusCode.OK, (await _api.PatchCellAsync(project.Id, cell.Id, cell.Version, new { source = "var x = 5;" })).StatusCode);
        Assert.Equal(2, Assert.Single(await _api.ThreadsAsync(project.Id, cell.Id)).Comments.Count);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Http.DeleteAsync($"/api/projects/{project.Id}/cells/{cell.Id}")).StatusCode);
        Assert.Equal(["on y"], (await _api.ThreadsAsync(project.Id)).SelectMany(t => t.Comments).Select(c => c.Body));
        await listener.WaitForAsync("commentRemoved", e => e.GetProperty("commentId").GetString() == reply.Id);
        Assert.Equal([first.Id, reply.Id], listener.Events.Select(e => e.Payload.GetProperty("commentId").GetString()));
    }

    [Fact]
    public async Task Comments_go_with_their_project()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "var x = 1;");
        var first = await _api.CommentAsync(project.Id, new { cellId = cell.Id, body = "soon gone" });
        Assert.Equal(HttpStatusCode.NoContent, (await _api.Http.DeleteAsync($"/api/projects/{project.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.GetAsync($"/api/projects/{project.Id}/comments")).StatusCode);
        var store = _app.Services.GetRequiredService<ICommentStore>();
        var id = ProjectId.Parse(project.Id);
        Assert.Empty(await store.ListThreadsAsync(id, null, CancellationToken.None));
        Assert.Null(await store.GetCommentAsync(id, first.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Bad_comments_get_a_problem_that_says_what_to_fix()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "var x = 1;");
        var first = await _api.CommentAsync(project.Id, new { cellId = cell.Id, body = "ok" });
        var url = $"/api/projects/{project.Id}/comments";

        await CommentApi.ExpectProblemAsync(_api.Http.PostAsJsonAsync(url, new { cellId = cell.Id, body = "" }), HttpStatusCode.BadRequest, "body");
        await CommentApi.ExpectProblemAsync(_api.Http.PostAsJsonAsync(url, new { cellId = cell.Id, body = "   " }), HttpStatusCode.BadRequest, "white space");
        await CommentApi.ExpectProblemAsync(_api.Http.PostAsJsonAsync(url, new { cellId = cell.Id, body = new string('x', 10_001) }), HttpStatusCode.BadRequest, "10000");
        Assert.Equal(HttpStatusCode.Created, (await _api.Http.PostAsJsonAsync(url, new { cellId = cell.Id, body = new string('x', 10_000) })).StatusCode);
        await CommentApi.ExpectProblemAsync(_api.Http.PostAsJsonAsync(url, new { cellId = CellId.New().ToString(), body = "x" }), HttpStatusCode.BadRequest, "not a cell");
        await CommentApi.ExpectProblemAsync(_api.Http.PostAsJsonAsync(url, new { cellId = "nope", body = "x" }), HttpStatusCode.BadRequest, "not a cell");
        await CommentApi.ExpectProblemAsync(_api.Http.PostAsJsonAsync(url, new { body = "x" }), HttpStatusCode.BadRequest, "cellId");
        await CommentApi.ExpectProblemAsync(_api.Http.PostAsJsonAsync(url, new { threadId = Guid.NewGuid().ToString("N"), body = "x" }), HttpStatusCode.NotFound, "Thread");
        await CommentApi.ExpectProblemAsync(_api.Http.PostAsJsonAsync(url, new { cellId = cell.Id, body = "hi", mentions = new[] { "stranger@example.com" } }),
            HttpStatusCode.BadRequest, "stranger@example.com");
        await CommentApi.ExpectProblemAsync(_api.EditCommentAsync(project.Id, first.Id, new { body = "x", mentions = new[] { "stranger@example.com" } }),
            HttpStatusCode.BadRequest, "stranger@example.com");
        await CommentApi.ExpectProblemAsync(_api.EditCommentAsync(project.Id, Guid.NewGuid().ToString("N"), new { body = "x" }), HttpStatusCode.NotFound, "Comment");
        await CommentApi.ExpectProblemAsync(_api.Http.PatchAsJsonAsync($"/api/projects/{project.Id}/threads/{first.ThreadId}", new { }), HttpStatusCode.BadRequest, "resolved");
        await CommentApi.ExpectProblemAsync(_api.ResolveAsync(project.Id, "not-a-thread", true), HttpStatusCode.NotFound, "Thread");
        await CommentApi.ExpectProblemAsync(_api.Http.GetAsync($"{url}?cellId={CellId.New()}"), HttpStatusCode.NotFound, "Cell");
        await CommentApi.ExpectProblemAsync(_api.Http.GetAsync($"/api/projects/{ProjectId.New()}/comments"), HttpStatusCode.NotFound, "Project");
        Assert.Equal("ok", Assert.Single(await _api.ThreadsAsync(project.Id), t => t.Id == first.ThreadId).Comments.Single().Body);
    }

    public void Dispose() => _app.Dispose();
}

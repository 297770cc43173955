using System.Net;
using System.Net.Http.Json;
using Sept.Functions.Comments;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Comments;

/// <summary>Who may do what with comments, with a team of three (admin Ada, editor Bob, viewer Vic).</summary>
public sealed class CommentPermissionTests : IDisposable
{
    private readonly TeamApplication _app = new();

    [Fact]
    public async Task Only_the_author_edits_and_only_the_author_or_an_admin_deletes()
    {
        var (ada, bob, vic) = (_app.As(TeamApplication.Ada), _app.As(TeamApplication.Bob), _app.As(TeamApplication.Vic));
        var project = await _app.CreateTeamProjectAsync();
        var cell = await bob.AddCellAsync(project.Id, "code", "var x = 1;");
        var question = await vic.CommentAsync(project.Id, new { cellId = cell.Id, body = "What is x?", mentions = new[] { TeamApplication.Bob.Email } });
        Assert.Equal(TeamApplication.Vic, question.Author);
        Assert.Equal([new CommentMention(TeamApplication.Bob.Email, "bob")], question.Mentions);
        var answer = await bob.CommentAsync(project.Id, new { threadId = question.ThreadId, body = "One." });
        var aside = await bob.CommentAsync(project.Id, new { threadId = question.ThreadId, body = "Aside." });

        var byOther = await bob.EditCommentAsync(project.Id, question.Id, new { body = "Hijacked" });
        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Contains("author", await CommentApi.ProblemDetailAsync(byOther));
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.EditCommentAsync(project.Id, question.Id, new { body = "Admin edit" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vic.EditCommentAsync(project.Id, question.Id, new { body = "What is x, exactly?" })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await vic.Http.DeleteAsync($"/api/projects/{project.Id}/comments/{answer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.DeleteAsync($"/api/projects/{project.Id}/comments/{answer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/projects/{project.Id}/comments/{aside.Id}")).StatusCode);

        // A viewer may resolve; everyone sees the same thread.
        Assert.Equal(HttpStatusCode.OK, (await vic.ResolveAsync(project.Id, question.ThreadId, true)).StatusCode);
        var seenByAda = Assert.Single(await ada.ThreadsAsync(project.Id));
        Assert.Equal((true, TeamApplication.Vic), (seenByAda.Resolved, seenByAda.ResolvedBy));
        Assert.Equal(["What is x, exactly?"], seenByAda.Comments.Select(c => c.Body));
    }

    [Fact]
    public async Task Two_people_see_each_others_comments_as_they_happen()
    {
        var (ada, vic) = (_app.As(TeamApplication.Ada), _app.As(TeamApplication.Vic));
        var project = await _app.CreateTeamProjectAsync();
        var cell = await ada.AddCellAsync(project.Id, "code", "var x = 1;");
        await using var adasTab = await HubListener.ConnectAsync(_app, ada.Http, project.Id, "commentAdded", "commentUpdated");
        await using var vicsTab = await HubListener.ConnectAsync(_app, vic.Http, project.Id, "commentAdded", "commentUpdated");

        var question = await vic.CommentAsync(project.Id, new { cellId = cell.Id, body = "Is x right?", mentions = new[] { TeamApplication.Ada.Email } });
        var heardByAda = await adasTab.WaitForAsync("commentAdded", e => e.GetProperty("comment").GetProperty("id").GetString() == question.Id);
        Assert.Equal(TeamApplication.Vic.Email, heardByAda.GetProperty("comment").GetProperty("author").GetProperty("email").GetString());

        await ada.CommentAsync(project.Id, new { threadId = question.ThreadId, body = "Yes." });
        Assert.Equal(HttpStatusCode.OK, (await ada.ResolveAsync(project.Id, question.ThreadId, true)).StatusCode);
        var heardByVic = await vicsTab.WaitForAsync("commentUpdated", e => e.GetProperty("thread").GetProperty("resolved").GetBoolean());
        Assert.Equal(["Is x right?", "Yes."],
            heardByVic.GetProperty("thread").GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("body").GetString()));
        Assert.Equal(TeamApplication.Ada.Id, heardByVic.GetProperty("thread").GetProperty("resolvedBy").GetProperty("id").GetString());
        Assert.Equal(["commentAdded", "commentAdded", "commentUpdated"], vicsTab.Events.Select(e => e.Target));
    }

    [Fact]
    public async Task Strangers_and_anonymous_callers_do_not_see_comments()
    {
        var project = await _app.CreateTeamProjectAsync();
        var url = $"/api/projects/{project.Id}/comments";
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous().GetAsync(url)).StatusCode);
        var stranger = _app.As(TestTokens.User("mallory"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.PostAsJsonAsync(url, new { cellId = "x", body = "hi" })).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}

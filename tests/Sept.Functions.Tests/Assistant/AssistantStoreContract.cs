using Sept.Functions.Assistant;
using Sept.Functions.Storage;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Storage.Sqlite;
using Sept.Functions.Tests.Support;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Assistant;

/// <summary>What every <see cref="IAssistantStore"/> must do. Derive once per implementation.</summary>
public abstract class AssistantStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract IAssistantStore Store { get; }

    protected abstract IProjectStore Projects { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Messages_and_their_proposals_come_back_oldest_first_for_their_user_only()
    {
        var project = await NewProjectAsync();
        await Store.AddMessageAsync(new AssistantMessage(project, "ada", "m2", "assistant", "Here is a cell.", Now.AddSeconds(1)), Ct);
        await Store.AddMessageAsync(new AssistantMessage(project, "ada", "m1", "user", "Plot revenue", Now), Ct);
        await Store.AddMessageAsync(new AssistantMessage(project, "bob", "m3", "user", "Bob's question", Now), Ct);
        await Store.AddProposalAsync(Proposal(project, "ada", "m2", "p1"), Ct);

        var turns = await Store.ListAsync(project, "ada", Ct);
        Assert.Equal(["m1", "m2"], turns.Select(t => t.Message.Id));
        Assert.Equal(("user", "Plot revenue", Now), (turns[0].Message.Role, turns[0].Message.Text, turns[0].Message.CreatedAt));
        Assert.Empty(turns[0].Proposals);
        var proposal = Assert.Single(turns[1].Proposals);
        Assert.Equal(("p1", "newCell", "code", "var x = 1;", true, 1, AssistantProposal.Pending),
            (proposal.Id, proposal.Kind, proposal.CellKind, proposal.Source, proposal.Compiles, proposal.RepairRounds, proposal.Status));
        Assert.Equal([new ProposalDiagnostic("CS0103: nope", 2, "warning")], proposal.Diagnostics);
        Assert.Equal(project, proposal.ProjectId);
        Assert.Equal(["m3"], (await Store.ListAsync(project, "bob", Ct)).Select(t => t.Message.Id));
        Assert.Empty(await Store.ListAsync(await NewProjectAsync(), "ada", Ct));
    }

    [Fact]
    public async Task A_proposal_is_decided_once_and_only_by_its_user()
    {
        var project = await NewProjectAsync();
        await Store.AddMessageAsync(new AssistantMessage(project, "ada", "m1", "assistant", "", Now), Ct);
        await Store.AddProposalAsync(Proposal(project, "ada", "m1", "p1"), Ct);

        Assert.Null(await Store.GetProposalAsync(project, "bob", "p1", Ct));
        Assert.Null(await Store.DecideAsync(project, "bob", "p1", AssistantProposal.Accepted, Ct));
        var decided = await Store.DecideAsync(project, "ada", "p1", AssistantProposal.Accepted, Ct);
        Assert.Equal(AssistantProposal.Accepted, decided?.Status);
        Assert.Null(await Store.DecideAsync(project, "ada", "p1", AssistantProposal.Rejected, Ct));
        Assert.Equal(AssistantProposal.Accepted, (await Store.GetProposalAsync(project, "ada", "p1", Ct))?.Status);
        Assert.Null(await Store.DecideAsync(project, "ada", "missing", AssistantProposal.Accepted, Ct));
    }

    [Fact]
    public async Task Clearing_deletes_only_that_users_history()
    {
        var project = await NewProjectAsync();
        await Store.AddMessageAsync(new AssistantMessage(project, "ada", "m1", "user", "a", Now), Ct);
        await Store.AddProposalAsync(Proposal(project, "ada", "m1", "p1"), Ct);
        await Store.AddMessageAsync(new AssistantMessage(project, "bob", "m2", "user", "b", Now), Ct);

        await Store.ClearAsync(project, "ada", Ct);
        Assert.Empty(await Store.ListAsync(project, "ada", Ct));
        Assert.Null(await Store.GetProposalAsync(project, "ada", "p1", Ct));
        Assert.Single(await Store.ListAsync(project, "bob", Ct));
    }

    private static AssistantProposal Proposal(ProjectId project, string user, string message, string id) => new(
        project, user, message, id, "newCell", null, null, "code", "var x = 1;", null, "Adds x.", true,
        [new ProposalDiagnostic("CS0103: nope", 2, "warning")], 1, AssistantProposal.Pending, Now);

    private async Task<ProjectId> NewProjectAsync()
    {
        var saved = await Projects.CreateProjectAsync(new ProjectRecord(ProjectId.New(), "Assistant", true, 0, Now, Now, WorkspaceIds.New()), Ct);
        return Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(saved).Value.Id;
    }
}

public sealed class SqliteAssistantStoreTests : AssistantStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    public SqliteAssistantStoreTests()
    {
        var database = new SqliteDatabase(Path.Combine(_folder.Path, "sept.db"));
        Projects = new SqliteProjectStore(database, TimeProvider.System);
        Store = new SqliteAssistantStore(database);
    }

    protected override IAssistantStore Store { get; }

    protected override IProjectStore Projects { get; }

    public void Dispose() => _folder.Dispose();
}

/// <summary>The contract on cosmosdb-server (documents in the project's partition).</summary>
public sealed class CosmosAssistantStoreTests(CosmosEmulatorFixture cosmos) : AssistantStoreContract, IClassFixture<CosmosEmulatorFixture>
{
    protected override IAssistantStore Store { get; } = new CosmosAssistantStore(cosmos.Container);

    protected override IProjectStore Projects { get; } = new CosmosProjectStore(cosmos.Container, TimeProvider.System);
}

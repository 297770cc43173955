using System.Text;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Storage;

/// <summary>What every <see cref="IOutputStore"/> must do. Derive once per implementation.</summary>
public abstract class OutputStoreContract
{
    protected abstract IOutputStore Store { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_stored_item_reads_back_with_its_size_and_type()
    {
        var project = ProjectId.New();
        var size = await Store.PutAsync(project, "files/data.csv", Text("a,b\n1,2\n"), "text/csv", Ct);
        Assert.Equal(8, size);
        await using var item = await Store.OpenAsync(project, "files/data.csv", Ct);
        Assert.NotNull(item);
        Assert.Equal("text/csv", item.Info.ContentType);
        Assert.Equal(8, item.Info.Size);
        Assert.Equal("a,b\n1,2\n", await new StreamReader(item.Content).ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task Putting_again_overwrites()
    {
        var project = ProjectId.New();
        await Store.PutAsync(project, "files/x.txt", Text("one"), "text/plain", Ct);
        await Store.PutAsync(project, "files/x.txt", Text("second"), "text/plain", Ct);
        await using var item = await Store.OpenAsync(project, "files/x.txt", Ct);
        Assert.Equal("second", await new StreamReader(item!.Content).ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task Listing_filters_by_prefix_and_projects_are_separate()
    {
        var project = ProjectId.New();
        var other = ProjectId.New();
        await Store.PutAsync(project, "files/b.txt", Text("b"), "text/plain", Ct);
        await Store.PutAsync(project, "files/a.txt", Text("a"), "text/plain", Ct);
        await Store.PutAsync(project, "outputs/r1/c-0.json", Text("{}"), "application/json", Ct);
        await Store.PutAsync(other, "files/z.txt", Text("z"), "text/plain", Ct);
        Assert.Equal(["files/a.txt", "files/b.txt"], (await Store.ListAsync(project, "files/", Ct)).Select(i => i.Path));
        Assert.Null(await Store.OpenAsync(project, "files/z.txt", Ct));
    }

    [Fact]
    public async Task Deleting_a_project_removes_its_items_only()
    {
        var project = ProjectId.New();
        var other = ProjectId.New();
        await Store.PutAsync(project, "files/a.txt", Text("a"), "text/plain", Ct);
        await Store.PutAsync(other, "files/a.txt", Text("a"), "text/plain", Ct);
        await Store.DeleteProjectAsync(project, Ct);
        Assert.Empty(await Store.ListAsync(project, "", Ct));
        Assert.Single(await Store.ListAsync(other, "", Ct));
        await Store.DeleteProjectAsync(ProjectId.New(), Ct);
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));
}

using Sept.Notebooks.Cells;
using Sept.Notebooks.Rewriting;

namespace Sept.Notebooks.Tests.Rewriting;

public sealed class NotebookNamesTests
{
    [Fact]
    public void A_unique_name_is_the_users_name_and_the_cell_id_in_32_hex()
    {
        var cell = CellId.Parse("0123456789abcdef0123456789abcdef");

        Assert.Equal("total__0123456789abcdef0123456789abcdef", NotebookNames.Unique("total", cell));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("my__name")]
    [InlineData("_")]
    [InlineData("Ünïcode")]
    public void A_unique_name_parses_back_to_the_name_and_cell(string name)
    {
        var cell = CellId.New();

        Assert.True(NotebookNames.TryParseUnique(NotebookNames.Unique(name, cell), out var parsed, out var parsedCell));
        Assert.Equal((name, cell), (parsed, parsedCell));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("__0123456789abcdef0123456789abcdef")]
    [InlineData("x__0123456789abcdef0123456789abcde")]
    [InlineData("x__0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("x_0123456789abcdef0123456789abcdef0")]
    [InlineData("x__0123456789abcdef0123456789abcdeg")]
    public void Other_identifiers_are_not_unique_names(string identifier)
    {
        Assert.False(NotebookNames.TryParseUnique(identifier, out var name, out _));
        Assert.Equal(identifier, name);
    }

    [Fact]
    public void A_compiler_message_is_mapped_back_to_user_names()
    {
        var a = CellId.New();
        var message = $"Cannot implicitly convert type 'string' to 'int' in {NotebookNames.Unique("x", a)}.{NotebookNames.Unique("F", a)}(y__abc)";

        Assert.Equal("Cannot implicitly convert type 'string' to 'int' in x.F(y__abc)", NotebookNames.ToUserText(message));
    }
}

using Sept.Notebooks.Cells;
using static Sept.Notebooks.Cells.CellState;

namespace Sept.Notebooks.Tests.Cells;

public sealed class CellStateMachineTests
{
    // Every (from, to) pair; true where the change is allowed.
    private static readonly (CellState From, CellState To, bool Allowed)[] Table =
    [
        (Idle, Idle, false), (Idle, Queued, true), (Idle, Running, false),
        (Idle, Success, false), (Idle, Error, false), (Idle, Stale, true),

        (Queued, Idle, true), (Queued, Queued, false), (Queued, Running, true),
        (Queued, Success, false), (Queued, Error, false), (Queued, Stale, true),

        (Running, Idle, true), (Running, Queued, false), (Running, Running, false),
        (Running, Success, true), (Running, Error, true), (Running, Stale, true),

        (Success, Idle, true), (Success, Queued, true), (Success, Running, false),
        (Success, Success, false), (Success, Error, false), (Success, Stale, true),

        (Error, Idle, true), (Error, Queued, true), (Error, Running, false),
        (Error, Success, false), (Error, Error, false), (Error, Stale, true),

        (Stale, Idle, true), (Stale, Queued, true), (Stale, Running, false),
        (Stale, Success, false), (Stale, Error, false), (Stale, Stale, false),
    ];

    public static TheoryData<CellState, CellState, bool> Pairs()
    {
        var data = new TheoryData<CellState, CellState, bool>();
        foreach (var (from, to, allowed) in Table) data.Add(from, to, allowed);
        return data;
    }

    [Fact]
    public void The_table_covers_every_pair_once()
    {
        var states = Enum.GetValues<CellState>();
        Assert.Equal(states.Length * states.Length, Table.Select(t => (t.From, t.To)).Distinct().Count());
        Assert.Equal(Table.Length, Table.Select(t => (t.From, t.To)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Transitions_follow_the_table(CellState from, CellState to, bool allowed)
    {
        Assert.Equal(allowed, CellStateMachine.CanTransition(from, to));
        var outcome = CellStateMachine.Transition(from, to);
        Assert.Equal((from, to), (outcome.From, outcome.To));
        switch (outcome)
        {
            case CellTransition.Applied: Assert.True(allowed); break;
            case CellTransition.Unchanged: Assert.Equal(from, to); break;
            case CellTransition.Rejected rejected:
                Assert.False(allowed);
                Assert.NotEqual(from, to);
                Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
                break;
        }
    }

    [Fact]
    public void Rejections_say_what_was_wrong()
    {
        var outcome = Assert.IsType<CellTransition.Rejected>(CellStateMachine.Transition(Stale, Running));
        Assert.Equal("only a queued cell can start running (cell is stale)", outcome.Reason);
        var finish = Assert.IsType<CellTransition.Rejected>(CellStateMachine.Transition(Queued, Success));
        Assert.Equal("only a running cell can finish (cell is queued)", finish.Reason);
    }
}

using CsCheck;
using Sept.Notebooks.Cells;
using Xunit.Abstractions;

namespace Sept.Notebooks.Tests.Cells;

public sealed class OrderKeyTests(ITestOutputHelper output)
{
    [Fact]
    public void First_and_keys_between_are_valid_and_strictly_between()
    {
        var first = OrderKey.First;
        var after = OrderKey.Between(first, null);
        var before = OrderKey.Between(null, first);
        var middle = OrderKey.Between(before, first);
        Assert.True(before < middle && middle < first && first < after);
        foreach (var key in new[] { first, after, before, middle })
            Assert.True(OrderKey.TryParse(key.Value, out _), key.Value);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("V0", false)]
    [InlineData("a-b", false)]
    [InlineData("é", false)]
    [InlineData("0", false)]
    [InlineData("01", true)]
    [InlineData("Vz", true)]
    public void TryParse_accepts_only_base62_keys_not_ending_in_zero(string text, bool valid)
    {
        Assert.Equal(valid, OrderKey.TryParse(text, out var key));
        if (valid) Assert.Equal(text, key!.Value.Value);
        if (valid) Assert.Equal(key, OrderKey.Parse(text));
        else Assert.Throws<FormatException>(() => OrderKey.Parse(text));
    }

    [Fact]
    public void Between_refuses_neighbours_in_the_wrong_order()
    {
        var key = OrderKey.First;
        Assert.Throws<ArgumentException>(() => OrderKey.Between(key, key));
        Assert.Throws<ArgumentException>(() => OrderKey.Between(OrderKey.Between(key, null), key));
    }

    [Fact]
    public void Random_inserts_and_moves_keep_strict_order_and_short_keys()
    {
        var maxLength = 0;
        // Each int picks an operation: insert (2 in 3) or move (1 in 3), and the positions involved.
        Gen.Int[0, int.MaxValue].Array[3000].Sample(ops =>
        {
            var keys = new List<OrderKey>();
            foreach (var op in ops)
            {
                if (op % 3 == 2 && keys.Count > 2)
                {
                    var from = op / 3 % keys.Count;
                    keys.RemoveAt(from);
                }
                var at = op / 7 % (keys.Count + 1);
                var key = OrderKey.Between(at > 0 ? keys[at - 1] : null, at < keys.Count ? keys[at] : null);
                keys.Insert(at, key);
            }
            for (var i = 1; i < keys.Count; i++)
                Assert.True(string.CompareOrdinal(keys[i - 1].Value, keys[i].Value) < 0,
                    $"{keys[i - 1]} !< {keys[i]}");
            Assert.All(keys, k => Assert.True(OrderKey.TryParse(k.Value, out _), k.Value));
            maxLength = Math.Max(maxLength, keys.Max(k => k.Value.Length));
        }, iter: 30);
        output.WriteLine($"3000 random inserts/moves x 30 runs: longest key {maxLength} chars");
        // Keys lean towards the newer neighbour (see OrderKey.Between), which costs random inserts a few
        // characters (at most 16 seen over 600 runs; pure midpoints give 8) and saves sequential ones 10x.
        Assert.InRange(maxLength, 1, 24);
    }

    [Theory]
    [InlineData("after the left neighbour")]
    [InlineData("before the right neighbour")]
    [InlineData("append")]
    [InlineData("prepend")]
    public void Ten_thousand_inserts_at_the_same_spot_stay_ordered(string spot)
    {
        var left = OrderKey.First;
        var right = OrderKey.Between(left, null);
        var keys = new List<OrderKey> { left, right };
        for (var i = 0; i < 10_000; i++)
        {
            var at = spot switch
            {
                "after the left neighbour" => 1,
                "before the right neighbour" => keys.Count - 1,
                "append" => keys.Count,
                _ => 0,
            };
            keys.Insert(at, OrderKey.Between(at > 0 ? keys[at - 1] : null, at < keys.Count ? keys[at] : null));
        }
        for (var i = 1; i < keys.Count; i++)
            Assert.True(keys[i - 1] < keys[i]);
        var longest = keys.Max(k => k.Value.Length);
        output.WriteLine($"10,000 inserts {spot}: longest key {longest} chars");
        Assert.True(longest <= 10_000 / 60 + 2, $"each spot should add a character per ~61 cells, got {longest}");
    }

    [Fact]
    public void Keys_compare_ordinally_like_their_strings()
    {
        Gen.Select(Gen.Int[0, 200], Gen.Int[0, 200]).Sample((a, b) =>
        {
            var keys = new List<OrderKey>();
            for (var i = 0; i <= Math.Max(a, b); i++)
                keys.Add(OrderKey.Between(keys.Count > 0 ? keys[^1] : null, null));
            Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(keys[a].CompareTo(keys[b])));
            Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(string.CompareOrdinal(keys[a].Value, keys[b].Value)));
        }, iter: 200);
    }

    [Fact]
    public void Appending_a_hundred_thousand_keys_keeps_them_short_and_ordered()
    {
        OrderKey? last = null;
        var longest = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var next = OrderKey.After(last);
            Assert.True(last is null || last.Value < next, $"{next} must sort after {last}");
            Assert.True(OrderKey.TryParse(next.Value, out _));
            longest = Math.Max(longest, next.Value.Length);
            last = next;
        }
        Assert.True(longest <= 4, $"100,000 appends should need at most 4 characters, got {longest}");
        // Inserting between appended keys still works, and appending after an inserted or old-style key too.
        var between = OrderKey.Between(OrderKey.After(OrderKey.First), OrderKey.After(OrderKey.After(OrderKey.First)));
        Assert.True(OrderKey.After(between) > between);
        var old = OrderKey.Parse("zzzz1");
        Assert.True(OrderKey.After(old) > old);
    }
}

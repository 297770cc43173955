using System.Diagnostics.CodeAnalysis;

namespace Sept.Notebooks.Cells;

/// <summary>
/// Position of a cell: a fraction 0.d1d2d3... written in base-62 digits (0-9, A-Z, a-z), compared ordinally.
/// A key never ends in '0', so there is always room below it, and <see cref="Between"/> always finds a key
/// strictly between two others: cells are inserted and moved without renumbering their neighbours.
/// </summary>
public readonly record struct OrderKey : IComparable<OrderKey>
{
    internal const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Base = 62;

    private OrderKey(string value) => Value = value;

    public string Value { get; }

    /// <summary>The key for the first cell of an empty project (the middle digit, room on both sides).</summary>
    public static OrderKey First { get; } = new("V");

    public static bool TryParse(string? text, [NotNullWhen(true)] out OrderKey? key)
    {
        key = IsValid(text) ? new OrderKey(text!) : null;
        return key is not null;
    }

    /// <summary>A key strictly between <paramref name="before"/> and <paramref name="after"/>; null means
    /// "no neighbour on that side". Appending and prepending step a digit (one more character every ~60 cells);
    /// inserting between two keys takes the shortest midpoint.</summary>
    public static OrderKey Between(OrderKey? before, OrderKey? after)
    {
        var low = before?.Value ?? "";
        var high = after?.Value;
        if (high is not null && string.CompareOrdinal(low, high) >= 0)
            throw new ArgumentException($"Order key '{low}' must sort before '{high}'.", nameof(before));
        var key = (low.Length > 0, high is not null) switch
        {
            (true, false) => Increment(low),
            (false, true) => Decrement(high!),
            _ => Midpoint(low, high),
        };
        return new OrderKey(key);
    }

    public int CompareTo(OrderKey other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(OrderKey left, OrderKey right) => left.CompareTo(right) < 0;
    public static bool operator >(OrderKey left, OrderKey right) => left.CompareTo(right) > 0;
    public static bool operator <=(OrderKey left, OrderKey right) => left.CompareTo(right) <= 0;
    public static bool operator >=(OrderKey left, OrderKey right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value;

    private static bool IsValid(string? text) =>
        !string.IsNullOrEmpty(text) && text[^1] != '0' && text.All(c => Digits.Contains(c));

    private static int DigitOf(char c) => Digits.IndexOf(c);

    // Smallest key above `low`: bump the first digit that is not the top digit.
    private static string Increment(string low)
    {
        for (var i = 0; i < low.Length; i++)
            if (low[i] != Digits[Base - 1])
                return low[..i] + Digits[DigitOf(low[i]) + 1];
        return low + Digits[1];
    }

    // A key below `high`: lower the first non-zero digit, or extend with a zero digit plus the top digit.
    private static string Decrement(string high)
    {
        for (var i = 0; i < high.Length; i++)
        {
            var digit = DigitOf(high[i]);
            if (digit == 0) continue;
            if (digit > 1) return high[..i] + Digits[digit - 1];
            return i + 1 < high.Length ? high[..(i + 1)] : high[..i] + Digits[0] + Digits[Base - 1];
        }
        throw new ArgumentException($"'{high}' is not a valid order key.", nameof(high));
    }

    // Shortest key strictly between low ("" = 0) and high (null = 1); both never end in '0'.
    private static string Midpoint(string low, string? high)
    {
        if (high is not null)
        {
            var common = 0;
            while (common < high.Length && (common < low.Length ? low[common] : Digits[0]) == high[common])
                common++;
            if (common > 0)
                return high[..common] + Midpoint(low.Length > common ? low[common..] : "", high[common..]);
        }
        var lowDigit = low.Length > 0 ? DigitOf(low[0]) : 0;
        var highDigit = high is not null ? DigitOf(high[0]) : Base;
        if (highDigit - lowDigit > 1)
            return Digits[(lowDigit + highDigit + 1) / 2].ToString();
        // Adjacent first digits: `high`'s first digit alone sorts below `high` if high is longer.
        if (high is not null && high.Length > 1)
            return high[..1];
        return Digits[lowDigit] + Midpoint(low.Length > 1 ? low[1..] : "", null);
    }
}

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

    /// <summary>A key read back from storage; invalid text there is a bug, so this throws.</summary>
    public static OrderKey Parse(string text) =>
        TryParse(text, out var key) ? key.Value : throw new FormatException($"'{text}' is not an order key.");

    public static bool TryParse(string? text, [NotNullWhen(true)] out OrderKey? key)
    {
        key = IsValid(text) ? new OrderKey(text!) : null;
        return key is not null;
    }

    /// <summary>A key strictly between <paramref name="before"/> and <paramref name="after"/>; null means
    /// "no neighbour on that side". Always one of the shortest such keys. Which one depends on where cells are
    /// likely to keep arriving: next to the longer (more recently made) neighbour, so appending, prepending and
    /// adding cell after cell at one spot all grow keys by one character per ~60 cells.</summary>
    public static OrderKey Between(OrderKey? before, OrderKey? after)
    {
        var low = before?.Value ?? "";
        var high = after?.Value;
        if (high is not null && string.CompareOrdinal(low, high) >= 0)
            throw new ArgumentException($"Order key '{low}' must sort before '{high}'.", nameof(before));
        var lean = (before, after) switch
        {
            (null, null) => Lean.Middle,
            (null, _) => Lean.High,
            (_, null) => Lean.Low,
            _ => low.Length.CompareTo(high!.Length) switch { > 0 => Lean.Low, < 0 => Lean.High, _ => Lean.Middle },
        };
        return new OrderKey(Between(low, high, lean));
    }

    /// <summary>A key after <paramref name="last"/> with nothing after it (appending, importing). <see cref="Between"/>
    /// grows keys by one character per ~60 appends (100,000 appended cells made 1,640-character keys); these keys grow
    /// with the logarithm instead: a head digit from 'W' up says how many digits follow ('W' one, 'X' two, ...), and
    /// appends count up within a head, so 100,000 appends after <see cref="First"/> stay at 4 characters.</summary>
    public static OrderKey After(OrderKey? last)
    {
        if (last is not { } key) return First;
        var text = key.Value;
        var head = DigitOf(text[0]);
        if (head >= FirstHead && text.Length == TailLength(head) + 1 && Increment(text[1..]) is { } next)
            return new OrderKey(text[0] + next);
        // Not (or no longer) a counting key: start the next head, which sorts after anything beginning with this one.
        var nextHead = Math.Max(FirstHead, head + 1);
        return nextHead < Base
            ? new OrderKey(Digits[nextHead] + new string(Digits[0], TailLength(nextHead) - 1) + Digits[1])
            : Between(key, null);
    }

    private const int FirstHead = 32; // 'W', just above First

    private static int TailLength(int head) => head - FirstHead + 1;

    // The tail as a base-62 number plus one, skipping values that end in '0'; null when it would overflow.
    private static string? Increment(string tail)
    {
        var digits = tail.ToCharArray();
        do
        {
            var i = digits.Length - 1;
            while (i >= 0 && digits[i] == Digits[Base - 1]) digits[i--] = Digits[0];
            if (i < 0) return null;
            digits[i] = Digits[DigitOf(digits[i]) + 1];
        }
        while (digits[^1] == Digits[0]);
        return new string(digits);
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

    private enum Lean { Low, Middle, High }

    // Shortest key strictly between low ("" = 0) and high (null = 1), both never ending in '0', picking the
    // lowest, middle or highest of the shortest candidates.
    private static string Between(string low, string? high, Lean lean)
    {
        if (high is not null)
        {
            var common = 0;
            while (common < high.Length && (common < low.Length ? low[common] : Digits[0]) == high[common])
                common++;
            if (common > 0)
                return high[..common] + Between(low.Length > common ? low[common..] : "", high[common..], lean);
        }
        var lowDigit = low.Length > 0 ? DigitOf(low[0]) : 0;
        var highDigit = high is not null ? DigitOf(high[0]) : Base;
        // One digit suffices if a digit lies strictly between, or if high's first digit alone sorts below high.
        var highFits = high is not null && high.Length > 1;
        if (highDigit - lowDigit > 1 || highFits)
        {
            var min = lowDigit + 1;
            var max = highFits ? highDigit : highDigit - 1;
            return Digits[lean switch { Lean.Low => min, Lean.High => max, _ => (min + max + 1) / 2 }].ToString();
        }
        return Digits[lowDigit] + Between(low.Length > 1 ? low[1..] : "", null, lean);
    }
}

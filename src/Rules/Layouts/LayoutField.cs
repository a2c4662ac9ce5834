using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace Neuro.Rules.Layouts;

/// <summary>
/// One field of a table's address: a <see cref="Signal"/> turned into <see cref="Bits"/> address bits. The codes of the
/// signals that need a definition beyond "the value" are computed here, in float and in integers, so every engine
/// computes them the same way (DESIGN.md §4):
/// <list type="bullet">
/// <item><c>weight</c>: <c>clamp(floor(w · 2^(n−1) / Range), −2^(n−1), 2^(n−1) − 1)</c> as an n-bit two's complement
/// code (sign first). For a weight format whose range is exactly <c>±Range</c> this is the weight's top n bits.</item>
/// <item><c>margin</c>: the number of <see cref="Thresholds"/> the margin m (label logit minus the best other logit) is
/// strictly above: 0 = wrong by far … 2^n − 1 = right by far. With <see cref="Relative"/> the thresholds scale with the
/// sample's largest logit magnitude L = max_c |z_c|: m is above t when <c>m &gt; t·L</c>; each relative threshold is 0 or
/// ±2^e, so the comparison is exact with shifts in integers (and in float, where scaling by 2^e is exact).</item>
/// <item><c>phase</c>: <c>min(2^n − 1, floor(log2(1 + t)))</c> where t counts the samples learned from since the
/// lifetime's reset, before the current one.</item>
/// <item><c>pre</c> with <see cref="Thresholds"/> (the pattern family's output synapses): the level of the presynaptic
/// activity a relative to the largest activity A of its layer, the number of thresholds t with <c>a &gt; t·A</c>; each
/// threshold is 0 or 2^e with e ≤ −1, so the comparison is exact with shifts (<see cref="PreCode(long, long)"/>).
/// Without thresholds a pre field means what its family documents (Baxter: +1; Hebbian: the activity levels).</item>
/// </list>
/// </summary>
public sealed record LayoutField
{
    /// <summary>Most bits one field may have.</summary>
    public const int MaxBits = 16;

    /// <summary>Most bits a margin field may have (<c>2^n − 1</c> thresholds).</summary>
    public const int MaxMarginBits = 6;

    /// <summary>Most bits a pre field with thresholds may have (<c>2^n − 1</c> thresholds).</summary>
    public const int MaxPreLevelBits = 4;

    /// <summary>Pre fields with levels: each threshold's right shift (<see cref="PreShifts"/>); empty otherwise.</summary>
    private readonly ImmutableArray<int> preShifts = [];

    /// <summary>Creates a field and validates it.</summary>
    /// <param name="signal">The signal.</param>
    /// <param name="bits">Address bits, 1..<see cref="MaxBits"/>.</param>
    /// <param name="thresholds">Margin fields: <c>2^bits − 1</c> strictly ascending finite thresholds in the logits'
    /// scale; default <see cref="DefaultMarginThresholds"/> with scale 1. Pre fields: optional <c>2^bits − 1</c> strictly
    /// ascending relative levels, each 0 or 2^e with e in <see cref="MinRelativeExponent"/>..−1 (see
    /// <see cref="DefaultPreThresholds"/>); none by default.</param>
    /// <param name="range">Weight fields only: the power of two the codes span, <c>[−range, range)</c>; default 1.</param>
    /// <param name="relative">Margin fields only: thresholds relative to the largest logit magnitude (each 0 or ±2^e);
    /// default thresholds then <see cref="DefaultRelativeMarginThresholds"/> with scale 1/8.</param>
    /// <exception cref="ArgumentException">The message names what is wrong.</exception>
    public LayoutField(Signal signal, int bits, ImmutableArray<double> thresholds = default, double? range = null, bool relative = false)
    {
        if (!Enum.IsDefined(signal))
        {
            throw new ArgumentException($"Unknown signal {(int)signal}", nameof(signal));
        }

        string name = Name(signal);
        int max = signal == Signal.Margin ? MaxMarginBits : signal == Signal.Pre && !thresholds.IsDefault ? MaxPreLevelBits : MaxBits;
        if (bits < 1 || bits > max)
        {
            throw new ArgumentException($"Field '{name}' must have 1..{max} bits, not {bits}", nameof(bits));
        }

        Signal = signal;
        Bits = bits;
        if (relative && signal != Signal.Margin)
        {
            throw new ArgumentException($"Only a margin field is relative, not '{name}'", nameof(relative));
        }

        Relative = relative;
        if (signal == Signal.Margin)
        {
            Thresholds = thresholds.IsDefault
                ? (relative ? DefaultRelativeMarginThresholds(bits, 0.125) : DefaultMarginThresholds(bits, 1.0))
                : CheckThresholds(thresholds, bits, relative);
        }
        else if (signal == Signal.Pre && !thresholds.IsDefault)
        {
            Thresholds = CheckPreThresholds(thresholds, bits);
            preShifts = [.. Thresholds.Select(t => t == 0 ? -1 : Math.Min(-Math.ILogB(t), 63))];
        }
        else if (!thresholds.IsDefault)
        {
            throw new ArgumentException($"Only margin and pre fields have thresholds, not '{name}'", nameof(thresholds));
        }
        else
        {
            Thresholds = [];
        }

        if (signal == Signal.Weight)
        {
            double r = range ?? 1.0;
            if (!double.IsFinite(r) || r <= 0 || !IsPowerOfTwo(r))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Field 'weight' needs a range that is a power of two (…, 0.5, 1, 2, …), not {r}"), nameof(range));
            }

            Range = r;
        }
        else if (range is not null)
        {
            throw new ArgumentException($"Only a weight field has a range, not '{name}'", nameof(range));
        }
    }

    /// <summary>The signal the field reads.</summary>
    public Signal Signal { get; }

    /// <summary>Address bits of the field.</summary>
    public int Bits { get; }

    /// <summary>Distinct values, <c>2^Bits</c>.</summary>
    public int Values => 1 << Bits;

    /// <summary>Margin fields: the <c>2^Bits − 1</c> ascending thresholds; pre fields: the relative levels when given; empty otherwise.</summary>
    public ImmutableArray<double> Thresholds { get; }

    /// <summary>Weight fields: the power of two the codes span (<c>[−Range, Range)</c>); 0 otherwise.</summary>
    public double Range { get; }

    /// <summary>Margin fields: whether the thresholds are relative to the largest logit magnitude (else in the logits' scale).</summary>
    public bool Relative { get; }

    /// <summary>Largest exponent e of a relative threshold ±2^e.</summary>
    public const int MaxRelativeExponent = 4;

    /// <summary>Smallest exponent e of a relative threshold ±2^e.</summary>
    public const int MinRelativeExponent = -100;

    /// <summary>The signal's name in rule files and on the command line (<c>preHistory</c>, <c>margin</c>, …).</summary>
    public static string Name(Signal signal) => signal switch
    {
        Signal.PreHistory => "preHistory",
        Signal.PostHistory => "postHistory",
        Signal.Pre => "pre",
        Signal.Post => "post",
        Signal.Role => "role",
        Signal.Weight => "weight",
        Signal.Target => "target",
        Signal.Margin => "margin",
        Signal.Phase => "phase",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown signal"),
    };

    /// <summary>The signal named <paramref name="name"/>, or null when there is none.</summary>
    public static Signal? Parse(string name)
    {
        foreach (var signal in Enum.GetValues<Signal>())
        {
            if (Name(signal) == name)
            {
                return signal;
            }
        }

        return null;
    }

    /// <summary>Every signal name, for messages.</summary>
    public static string Names => string.Join(", ", Enum.GetValues<Signal>().Select(Name));

    /// <summary>
    /// The default margin thresholds for <paramref name="bits"/> bits: <c>2^bits − 1</c> values
    /// <c>scale · (k − (2^bits − 2)/2)</c>, k = 0 …, symmetric about 0 (1 bit: [0]; 2 bits: [−s, 0, s]).
    /// </summary>
    public static ImmutableArray<double> DefaultMarginThresholds(int bits, double scale)
    {
        if (bits < 1 || bits > MaxMarginBits)
        {
            throw new ArgumentException($"A margin field must have 1..{MaxMarginBits} bits, not {bits}", nameof(bits));
        }

        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The margin scale must be a finite positive number, not {scale}"), nameof(scale));
        }

        int count = (1 << bits) - 1;
        var builder = ImmutableArray.CreateBuilder<double>(count);
        for (int k = 0; k < count; k++)
        {
            builder.Add(scale * (k - ((count - 1) / 2.0)));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>
    /// The default relative margin thresholds for <paramref name="bits"/> bits: 0 and <c>±scale·4^-j</c> for
    /// j = 0 … 2^(bits−1) − 2 (1 bit: [0]; 2 bits: [−s, 0, s]; 3 bits: [−s, −s/4, −s/16, 0, s/16, s/4, s]).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is not a power of two, or a threshold falls outside ±2^[−100, 4].</exception>
    public static ImmutableArray<double> DefaultRelativeMarginThresholds(int bits, double scale)
    {
        if (bits < 1 || bits > MaxMarginBits)
        {
            throw new ArgumentException($"A margin field must have 1..{MaxMarginBits} bits, not {bits}", nameof(bits));
        }

        if (!double.IsFinite(scale) || scale <= 0 || !IsPowerOfTwo(scale))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A relative margin scale must be a power of two (…, 0.125, 0.25, 0.5, 1), not {scale}"), nameof(scale));
        }

        int side = (1 << (bits - 1)) - 1;
        var positive = Enumerable.Range(0, side).Select(j => Math.ScaleB(scale, -2 * j)).ToArray();
        var thresholds = ImmutableArray.CreateRange(positive.Select(t => -t).Concat([0.0]).Concat(positive.Reverse()));
        return CheckThresholds(thresholds, bits, relative: true);
    }

    /// <summary>
    /// Relative levels for a pre field with <paramref name="bits"/> bits: <c>top·2^-j</c> for j = 2^bits − 2 … 0
    /// (1 bit: [top]; 2 bits: [top/4, top/2, top]); <paramref name="top"/> a power of two, at most 1/2 (default 1/2).
    /// </summary>
    /// <exception cref="ArgumentException">The bits or <paramref name="top"/> are out of range.</exception>
    public static ImmutableArray<double> DefaultPreThresholds(int bits, double top = 0.5)
    {
        if (bits < 1 || bits > MaxPreLevelBits)
        {
            throw new ArgumentException($"A pre field with levels must have 1..{MaxPreLevelBits} bits, not {bits}", nameof(bits));
        }

        int count = (1 << bits) - 1;
        return CheckPreThresholds([.. Enumerable.Range(0, count).Reverse().Select(j => Math.ScaleB(top, -j))], bits);
    }

    /// <summary>
    /// The level of a float activity <paramref name="activity"/> in a layer whose largest activity is
    /// <paramref name="largest"/> (pre fields with thresholds): how many thresholds t it is strictly above as
    /// <c>activity &gt; t·largest</c>.
    /// </summary>
    public int PreCode(double activity, double largest)
    {
        RequirePreLevels();
        int code = 0;
        foreach (double t in Thresholds)
        {
            code += activity > (t == 0 ? 0 : Math.ScaleB(largest, Math.ILogB(t))) ? 1 : 0;
        }

        return code;
    }

    /// <summary>
    /// The level of an integer activity (pre fields with thresholds), exactly as <see cref="PreCode(double, double)"/>
    /// for the values those integers stand for at any common scale: <c>a &gt; 2^e·A</c> is <c>a &gt; (A &gt;&gt; −e)</c>
    /// for integers (an arithmetic shift is the floor), and <c>a &gt; 0</c> for the threshold 0.
    /// </summary>
    public int PreCode(long activity, long largest)
    {
        RequirePreLevels();
        int code = 0;
        foreach (int k in preShifts)
        {
            code += activity > (k < 0 ? 0 : largest >> k) ? 1 : 0;
        }

        return code;
    }

    /// <summary>Every activity's level (<see cref="PreCode(double, double)"/>) against the largest of them, the layer's.</summary>
    public void PreCodes(ReadOnlySpan<double> activities, Span<int> codes)
    {
        double largest = 0;
        foreach (double a in activities)
        {
            largest = Math.Max(largest, a);
        }

        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = PreCode(activities[i], largest);
        }
    }

    /// <summary>Every integer activity's level (<see cref="PreCode(long, long)"/>) against the largest of them, the layer's.</summary>
    public void PreCodes<T>(ReadOnlySpan<T> activities, Span<int> codes)
        where T : IBinaryInteger<T>
    {
        long largest = 0;
        foreach (var a in activities)
        {
            largest = Math.Max(largest, long.CreateTruncating(a));
        }

        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = PreCode(long.CreateTruncating(activities[i]), largest);
        }
    }

    /// <summary>
    /// For each threshold of a pre field with levels, the right shift of the largest activity that bounds it: −1 for the
    /// threshold 0, at most 63 (the largest activity is never negative, so a longer shift gives 0 as well).
    /// </summary>
    public ImmutableArray<int> PreShifts()
    {
        RequirePreLevels();
        return preShifts;
    }

    /// <summary>
    /// A pre field's levels as the command line spells them: the top level when they are
    /// <see cref="DefaultPreThresholds"/> of it, else every threshold, separated by '/'.
    /// </summary>
    private string PreLevelsText =>
        Thresholds[^1] > 0 && Math.ILogB(Thresholds[^1]) - ((1 << Bits) - 2) >= MinRelativeExponent
            && DefaultPreThresholds(Bits, Thresholds[^1]).SequenceEqual(Thresholds)
            ? Thresholds[^1].ToString("R", CultureInfo.InvariantCulture)
            : string.Join("/", Thresholds.Select(t => t.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Whether this is a pre field with relative levels (<see cref="Thresholds"/> given).</summary>
    public bool HasPreLevels => Signal == Signal.Pre && !Thresholds.IsEmpty;

    /// <summary>The weight code of a float weight (weight fields): see the class summary.</summary>
    public int WeightCode(double weight)
    {
        RequireSignal(Signal.Weight);
        long half = 1L << (Bits - 1);
        double scaled = Math.Floor(Math.ScaleB(weight, Bits - 1 - Exponent(Range)));
        long bucket = double.IsNaN(scaled) ? 0 : scaled >= half ? half - 1 : scaled < -half ? -half : (long)scaled;
        return (int)(bucket & ((1L << Bits) - 1));
    }

    /// <summary>
    /// The weight code of a fixed-point weight <c>raw · 2^-fracBits</c> (weight fields), exactly as
    /// <see cref="WeightCode(double)"/> computes it for that value, in integers: an arithmetic shift and a clamp.
    /// </summary>
    public int WeightCode(long raw, int fracBits)
    {
        RequireSignal(Signal.Weight);
        long half = 1L << (Bits - 1);
        int shift = fracBits + Exponent(Range) - (Bits - 1);
        long bucket;
        if (shift >= 0)
        {
            bucket = shift >= 63 ? (raw < 0 ? -1 : 0) : raw >> shift;
        }
        else
        {
            int left = -shift;
            long limit = left >= 63 ? 0 : half >> Math.Min(left, 62);
            bucket = raw == 0 ? 0 : left >= 63 || raw >= limit || raw < -limit ? (raw < 0 ? -half : half - 1) : raw << left;
        }

        bucket = Math.Clamp(bucket, -half, half - 1);
        return (int)(bucket & ((1L << Bits) - 1));
    }

    /// <summary>
    /// The margin code of a float margin (margin fields): how many thresholds it is strictly above, each threshold
    /// scaled by <paramref name="maxAbs"/> (the largest logit magnitude) when <see cref="Relative"/>.
    /// </summary>
    public int MarginCode(double margin, double maxAbs)
    {
        RequireSignal(Signal.Margin);
        int code = 0;
        foreach (double t in Thresholds)
        {
            double bound = !Relative ? t : t == 0 ? 0 : Math.CopySign(Math.ScaleB(maxAbs, Math.ILogB(Math.Abs(t))), t);
            code += margin > bound ? 1 : 0;
        }

        return code;
    }

    /// <summary>
    /// The margin code of an exact integer margin and largest logit magnitude (both at the logits' fractional bits):
    /// against <paramref name="rawThresholds"/> (<see cref="RawThresholds"/> at those bits) when absolute; by shifts of
    /// <paramref name="maxAbs"/> when <see cref="Relative"/>: <c>m &gt; 2^e·L</c> is <c>m &gt; floor(2^e·L)</c> and
    /// <c>m &gt; −2^e·L</c> is <c>m &gt; −ceil(2^e·L)</c>, both exact.
    /// </summary>
    public int MarginCode(Int128 margin, Int128 maxAbs, ReadOnlySpan<Int128> rawThresholds)
    {
        RequireSignal(Signal.Margin);
        if (!Relative)
        {
            return MarginCode(margin, rawThresholds);
        }

        int code = 0;
        foreach (double t in Thresholds)
        {
            Int128 bound = t == 0 ? Int128.Zero : t > 0 ? ScaledFloor(maxAbs, Math.ILogB(t)) : -ScaledCeiling(maxAbs, Math.ILogB(-t));
            code += margin > bound ? 1 : 0;
        }

        return code;
    }

    /// <summary>
    /// The thresholds as raw integers at <paramref name="fracBits"/> fractional bits, <c>floor(t · 2^fracBits)</c>, exact:
    /// an integer margin raw <c>m</c> is above threshold t exactly when <c>m &gt; floor(t · 2^fracBits)</c>. Empty for a
    /// relative field (its bounds depend on the sample).
    /// </summary>
    public ImmutableArray<Int128> RawThresholds(int fracBits)
    {
        RequireSignal(Signal.Margin);
        if (Relative)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<Int128>(Thresholds.Length);
        foreach (double t in Thresholds)
        {
            builder.Add(FloorScaled(t, fracBits));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The margin code of an exact integer margin against absolute <see cref="RawThresholds"/> of the same fractional bits.</summary>
    public static int MarginCode(Int128 marginRaw, ReadOnlySpan<Int128> rawThresholds)
    {
        int code = 0;
        foreach (var t in rawThresholds)
        {
            code += marginRaw > t ? 1 : 0;
        }

        return code;
    }

    /// <summary>The phase code after <paramref name="samplesSeen"/> samples: <c>min(2^bits − 1, floor(log2(1 + samplesSeen)))</c>.</summary>
    public static int PhaseCode(long samplesSeen, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samplesSeen);
        int log = 63 - BitOperations.LeadingZeroCount((ulong)samplesSeen + 1);
        return Math.Min((1 << bits) - 1, log);
    }

    /// <summary>The meaning of bit <paramref name="bit"/> (0 = least significant) of this field's value, in words.</summary>
    public string Meaning(int bit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bit, Bits);
        string name = Name(Signal);
        return Signal switch
        {
            Signal.PreHistory => $"{name}[{bit}]: the pre neuron fired in round {Bits - 1 - bit} (round 0 is the most significant bit)",
            Signal.PostHistory => $"{name}[{bit}]: the post neuron fired in round {Bits - 1 - bit} (round 0 is the most significant bit)",
            Signal.Pre when HasPreLevels => $"{name}[{bit}]: bit {bit} of the pre neuron's level, how many of {string.Join(", ", Thresholds.Select(t => t.ToString("R", CultureInfo.InvariantCulture)))} times the layer's largest activity its activity is above",
            Signal.Pre => Bits == 1 ? $"{name}: the pre neuron is active (+1 or fired)" : $"{name}[{bit}]: bit {bit} of the pre neuron's activity level",
            Signal.Post => Bits == 1 ? $"{name}: the post neuron is active (+1 or fired)" : $"{name}[{bit}]: bit {bit} of the post neuron's activity level",
            Signal.Role => Bits == 1 ? $"{name}: 0 the label's row, 1 another updated row" : $"{name}[{bit}]: bit {bit} of the row's role (0 label, 1 prediction, 2 other)",
            Signal.Weight => bit == Bits - 1
                ? string.Create(CultureInfo.InvariantCulture, $"{name}[{bit}]: the weight's sign (code spans [−{Range}, {Range}))")
                : string.Create(CultureInfo.InvariantCulture, $"{name}[{bit}]: weight magnitude bit, {Range * Math.ScaleB(1, bit - (Bits - 1))} per step"),
            Signal.Target => $"{name}: the teacher value clamped on the post neuron (1 = +1)",
            Signal.Margin => $"{name}[{bit}]: bit {bit} of the margin bucket ({(Relative ? "relative thresholds, times the largest |logit|" : "thresholds")} {string.Join(", ", Thresholds.Select(t => t.ToString("R", CultureInfo.InvariantCulture)))}; 0 = wrong by far)",
            Signal.Phase => $"{name}[{bit}]: bit {bit} of min({Values - 1}, floor(log2(1 + samples seen)))",
            _ => name,
        };
    }

    /// <summary>The field as the command line spells it: <c>signal:bits</c>.</summary>
    public override string ToString() => Relative ? $"{Name(Signal)}:{Bits}:relative"
        : HasPreLevels ? $"{Name(Signal)}:{Bits}:{PreLevelsText}"
        : $"{Name(Signal)}:{Bits}";

    /// <summary>Value equality includes the thresholds.</summary>
    public bool Equals(LayoutField? other) =>
        other is not null && Signal == other.Signal && Bits == other.Bits && Range.Equals(other.Range) && Relative == other.Relative && Thresholds.SequenceEqual(other.Thresholds);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Signal, Bits, Range, Thresholds.Length);

    private void RequirePreLevels()
    {
        if (!HasPreLevels)
        {
            throw new InvalidOperationException($"The '{Name(Signal)}' field has no relative levels");
        }
    }

    private void RequireSignal(Signal signal)
    {
        if (Signal != signal)
        {
            throw new InvalidOperationException($"The '{Name(Signal)}' field has no {Name(signal)} code");
        }
    }

    private static bool IsPowerOfTwo(double value) => Math.ScaleB(1.0, Exponent(value)) == value;

    /// <summary>The exponent e of a positive double, <c>value = m · 2^e</c> with 1 ≤ m &lt; 2.</summary>
    private static int Exponent(double value) => Math.ILogB(value);

    /// <summary><c>floor(t · 2^fracBits)</c> exactly, for a finite double t (saturated far beyond any logit).</summary>
    private static Int128 FloorScaled(double t, int fracBits)
    {
        double scaled = Math.Floor(Math.ScaleB(t, fracBits));
        if (Math.Abs(scaled) < 1.7e38)
        {
            return (Int128)scaled;
        }

        return scaled > 0 ? Int128.MaxValue : Int128.MinValue;
    }

    /// <summary><c>floor(value · 2^e)</c> for value ≥ 0 (saturated at <see cref="Int128.MaxValue"/>, beyond any margin).</summary>
    private static Int128 ScaledFloor(Int128 value, int e) => e >= 0 ? ShiftLeftSaturated(value, e) : value >> Math.Min(-e, 127);

    /// <summary><c>ceil(value · 2^e)</c> for value ≥ 0 (saturated as <see cref="ScaledFloor"/>).</summary>
    private static Int128 ScaledCeiling(Int128 value, int e)
    {
        if (e >= 0)
        {
            return ShiftLeftSaturated(value, e);
        }

        int k = Math.Min(-e, 127);
        Int128 floor = value >> k;
        return (floor << k) == value ? floor : floor + 1;
    }

    private static Int128 ShiftLeftSaturated(Int128 value, int e) => value > (Int128.MaxValue >> e) ? Int128.MaxValue : value << e;

    private static ImmutableArray<double> CheckPreThresholds(ImmutableArray<double> thresholds, int bits)
    {
        int expected = (1 << bits) - 1;
        if (thresholds.Length != expected)
        {
            throw new ArgumentException($"A {bits}-bit pre field needs {expected} thresholds, not {thresholds.Length}", nameof(thresholds));
        }

        for (int k = 0; k < thresholds.Length; k++)
        {
            double t = thresholds[k];
            if (!double.IsFinite(t) || (t != 0 && (t < 0 || !IsPowerOfTwo(t) || Math.ILogB(t) is < MinRelativeExponent or > -1)))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Pre threshold [{k}] is {t}; each must be 0 or 2^e with e in {MinRelativeExponent}..-1 (a fraction of the layer's largest activity)"), nameof(thresholds));
            }

            if (k > 0 && !(t > thresholds[k - 1]))
            {
                throw new ArgumentException($"Pre thresholds must be strictly ascending; [{k}] = {t.ToString("R", CultureInfo.InvariantCulture)} is not above [{k - 1}]", nameof(thresholds));
            }
        }

        return thresholds;
    }

    private static ImmutableArray<double> CheckThresholds(ImmutableArray<double> thresholds, int bits, bool relative)
    {
        int expected = (1 << bits) - 1;
        if (thresholds.Length != expected)
        {
            throw new ArgumentException($"A {bits}-bit margin field needs {expected} thresholds, not {thresholds.Length}", nameof(thresholds));
        }

        for (int k = 0; k < thresholds.Length; k++)
        {
            if (!double.IsFinite(thresholds[k]))
            {
                throw new ArgumentException($"Margin threshold [{k}] is {thresholds[k]}; thresholds must be finite", nameof(thresholds));
            }

            if (relative && thresholds[k] != 0 && (!IsPowerOfTwo(Math.Abs(thresholds[k])) || Math.ILogB(Math.Abs(thresholds[k])) is < MinRelativeExponent or > MaxRelativeExponent))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Relative margin threshold [{k}] is {thresholds[k]}; each must be 0 or ±2^e with e in {MinRelativeExponent}..{MaxRelativeExponent}"), nameof(thresholds));
            }

            if (k > 0 && !(thresholds[k] > thresholds[k - 1]))
            {
                throw new ArgumentException($"Margin thresholds must be strictly ascending; [{k}] = {thresholds[k].ToString("R", CultureInfo.InvariantCulture)} is not above [{k - 1}]", nameof(thresholds));
            }
        }

        return thresholds;
    }
}

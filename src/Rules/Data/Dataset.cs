namespace Neuro.Rules.Data;

/// <summary>
/// An immutable labelled dataset: <see cref="Count"/> rows of <see cref="Features"/> finite doubles, stored row-major in
/// one array, each with an integer label in <c>0..Classes−1</c>.
/// </summary>
/// <remarks>
/// One flat array keeps rows contiguous, so <see cref="Row"/> is a slice with no copy and the whole matrix can be
/// handed to a kernel or a fixed-point quantizer as one span (<see cref="Values"/>). The public constructor copies its
/// arrays so that no caller can change a dataset after it was validated; the generators and readers in this namespace
/// hand over arrays they built themselves and skip that copy.
/// </remarks>
public sealed class Dataset
{
    private readonly double[] _values;
    private readonly int[] _labels;

    /// <summary>Creates a dataset from row-major features and labels, copying both arrays.</summary>
    /// <param name="features">Features per row, at least 1.</param>
    /// <param name="classes">Number of classes, at least 1; every label lies in <c>0..classes−1</c>.</param>
    /// <param name="values">Row-major features, <c>labels.Length × features</c> finite values.</param>
    /// <param name="labels">One label per row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="features"/> or <paramref name="classes"/> is below 1, or a label is out of range.</exception>
    /// <exception cref="ArgumentException">The lengths disagree, or a feature is NaN or infinite (the message names its row and column).</exception>
    public Dataset(int features, int classes, ReadOnlySpan<double> values, ReadOnlySpan<int> labels)
        : this(features, classes, values.ToArray(), labels.ToArray(), owned: true)
    {
    }

    /// <summary>Validates and takes ownership of <paramref name="values"/> and <paramref name="labels"/> (no copy); <paramref name="owned"/> only tells this overload apart.</summary>
    internal Dataset(int features, int classes, double[] values, int[] labels, bool owned)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        if (features < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(features), $"Features must be at least 1, not {features}");
        }

        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), $"Classes must be at least 1, not {classes}");
        }

        if ((long)labels.Length * features != values.Length)
        {
            throw new ArgumentException(
                $"Values length {values.Length} is not Count {labels.Length} × Features {features} = {(long)labels.Length * features}",
                nameof(values));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {labels[i]} of row {i} must be 0..{classes - 1}");
            }
        }

        for (int j = 0; j < values.Length; j++)
        {
            if (!double.IsFinite(values[j]))
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Feature at row {j / features}, column {j % features} is {values[j]}; features must be finite"),
                    nameof(values));
            }
        }

        Features = features;
        Classes = classes;
        _values = values;
        _labels = labels;
    }

    /// <summary>Features per row.</summary>
    public int Features { get; }

    /// <summary>Number of classes; labels lie in <c>0..Classes−1</c> (not every class need occur).</summary>
    public int Classes { get; }

    /// <summary>The most classes a dataset may have (labels <c>0..MaxClasses−1</c>); readers refuse larger labels before allocating.</summary>
    public const int MaxClasses = 1 << 16;

    /// <summary>The most feature values a reader loads into one dataset: 2^28 doubles (2 GiB); larger files need a limit.</summary>
    public const long MaxValues = 1L << 28;

    /// <summary>Number of rows.</summary>
    public int Count => _labels.Length;

    /// <summary>All features, row-major: row <c>i</c> is <c>Values[i*Features .. (i+1)*Features)</c>.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>All labels, one per row.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The features of row <paramref name="i"/>, without copying.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> is not in <c>0..Count−1</c>.</exception>
    public ReadOnlySpan<double> Row(int i)
    {
        CheckRow(i);
        return new ReadOnlySpan<double>(_values, i * Features, Features);
    }

    /// <summary>The label of row <paramref name="i"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> is not in <c>0..Count−1</c>.</exception>
    public int Label(int i)
    {
        CheckRow(i);
        return _labels[i];
    }

    /// <summary>How many rows carry each label: element <c>c</c> counts label <c>c</c>.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[Classes];
        foreach (int label in _labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>Splits into the first <paramref name="firstCount"/> rows and the remainder (<c>Rest</c> is a reserved tuple name), keeping the order and <see cref="Classes"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstCount"/> is not in <c>0..Count</c>.</exception>
    public (Dataset First, Dataset Remainder) Split(int firstCount)
    {
        if ((uint)firstCount > (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(firstCount), $"Split point must be 0..{Count}, not {firstCount}");
        }

        return (Slice(0, firstCount), Slice(firstCount, Count - firstCount));
    }

    /// <summary>The <paramref name="count"/> rows starting at row <paramref name="start"/>, keeping <see cref="Classes"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie within <c>0..Count</c>.</exception>
    public Dataset Subset(int start, int count)
    {
        if (start < 0 || count < 0 || (long)start + count > Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), $"Subset of {count} rows from row {start} does not fit in {Count} rows");
        }

        return Slice(start, count);
    }

    /// <summary>The same rows in a random order (a Fisher–Yates permutation drawn from <paramref name="random"/>).</summary>
    public Dataset Shuffled(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int[] order = Permutation(Count, random);
        var values = new double[_values.Length];
        var labels = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            Array.Copy(_values, order[i] * Features, values, i * Features, Features);
            labels[i] = _labels[order[i]];
        }

        return new Dataset(Features, Classes, values, labels, owned: true);
    }

    /// <summary>A uniformly random permutation of <c>0..n−1</c> by Fisher–Yates.</summary>
    internal static int[] Permutation(int n, Random random)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private Dataset Slice(int start, int count) =>
        new(Features, Classes, _values[(start * Features)..((start + count) * Features)], _labels[start..(start + count)], owned: true);

    private void CheckRow(int i)
    {
        if ((uint)i >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(i), $"Row must be 0..{Count - 1}, not {i}");
        }
    }
}

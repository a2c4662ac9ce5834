using System.Numerics;

namespace Neuro.Rules.Patterns;

/// <summary>Computes <see cref="SampleMargin{T}"/> from a forward pass's logits, the one definition every engine uses.</summary>
public static class SampleMargins
{
    /// <summary>The margin signals of <paramref name="logits"/> for <paramref name="label"/> (at least two classes).</summary>
    public static SampleMargin<T> Of<T>(ReadOnlySpan<T> logits, int label)
        where T : INumber<T>
    {
        T best = T.Zero, maxAbs = T.Zero;
        bool first = true;
        for (int c = 0; c < logits.Length; c++)
        {
            maxAbs = T.Max(maxAbs, T.Abs(logits[c]));
            if (c != label && (first || logits[c] > best))
            {
                best = logits[c];
                first = false;
            }
        }

        return new SampleMargin<T>(logits[label] - best, maxAbs);
    }
}

using System.Runtime.Intrinsics;
using Xunit;

namespace Neuro.FixedPointSim;

public sealed class Int32LaneOverflowTests
{
    public static TheoryData<Overflow> Modes => new(Enum.GetValues<Overflow>());

    /// <summary>Every width 1..31, values across <c>[−2^W, 2^W]</c> with both edges: scalar and vector lanes equal the core's narrowing.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void Apply_AgreesWithTheCore(Overflow overflow)
    {
        var random = new Random(31);
        for (int width = 1; width <= 31; width++)
        {
            var format = new QFormat(true, width, random.Next(-3, width + 3));
            var lanes = new Int32LaneOverflow(format, overflow);
            long bound = 1L << width;
            long[] edges = [-bound, -bound + 1, format.MinRaw - 1, format.MinRaw, format.MinRaw + 1, -1, 0, 1, format.MaxRaw - 1, format.MaxRaw, format.MaxRaw + 1, bound - 1, bound];
            var values = edges.Concat(Enumerable.Range(0, 2000).Select(_ => random.NextInt64(-bound, bound + 1)))
                .Where(x => x >= -bound && x <= bound)
                .Select(x => (int)x)
                .ToArray();
            for (int i = 0; i + 8 <= values.Length; i += 8)
            {
                var vector = lanes.Apply(Vector256.Create(values.AsSpan(i, 8)));
                for (int lane = 0; lane < 8; lane++)
                {
                    int x = values[i + lane];
                    // Same fractional bits: no rounding, only the overflow mode acts.
                    long expected = (long)QuantizationCore.FromRaw(x, format.FracBits, format, Rounding.Trn, overflow);
                    Assert.Equal(expected, lanes.Apply(x));
                    Assert.Equal(expected, vector[lane]);
                }
            }
        }
    }

    [Fact]
    public void Constructor_RejectsFormatsThatDoNotFitInt32Lanes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Int32LaneOverflow(QFormat.S(16, 16), Overflow.Sat));
        Assert.StartsWith("Int32 lanes need a signed format of at most 31 bits, not sQ16.16", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Int32LaneOverflow(QFormat.U(4, 4), Overflow.Sat));
    }
}

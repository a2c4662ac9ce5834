using BenchmarkDotNet.Attributes;
using Neuro.FixedPointSim;

namespace Neuro.Bench;

/// <summary>
/// Double → <c>sQ4.12</c> (16-bit signed) with RndConv and Sat on <c>N = 65,536</c> seeded random doubles in <c>±10</c>
/// (so about a fifth saturate): the bulk <see cref="FixedQuantizer"/> against a loop over the scalar golden conversion.
/// One operation is one value, so the Mean column is time per value.
/// </summary>
[PerSecondColumn("Values/s", "Values converted per second: 1e9 / mean time per value in ns")]
public class QuantizeBenchmarks
{
    public const int N = 65_536;

    private static readonly QFormat Format = QFormat.S(4, 12);
    private double[] values = [];
    private long[] raws = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(20_250_101);
        values = new double[N];
        raws = new long[N];
        for (int i = 0; i < N; i++)
        {
            values[i] = (rng.NextDouble() * 20) - 10;
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public void ScalarGolden()
    {
        for (int i = 0; i < values.Length; i++)
        {
            raws[i] = (long)Fixed.QuantizeDouble(values[i], Format, Rounding.RndConv, Overflow.Sat);
        }
    }

    [Benchmark(OperationsPerInvoke = N)]
    public void BulkRndConvSat() => FixedQuantizer.Quantize(values, raws, Format, Rounding.RndConv, Overflow.Sat);

    /// <summary>A tie-splitting mode with symmetric saturation, for comparison: more vector work per value.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void BulkRndInfSatSym() => FixedQuantizer.Quantize(values, raws, Format, Rounding.RndInf, Overflow.SatSym);
}

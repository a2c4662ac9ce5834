using System.Globalization;
using System.Numerics;
using Neuro.FixedPointSim.Patterns;
using Xunit;

namespace Neuro.RtlExport;

public sealed class GoldenVectorsTests
{
    [Fact]
    public void Unit_EveryAddressOfEveryTable_AndTheSatSymMinimum()
    {
        var c = RtlCases.Fixed("r0-hidden-only-satsym");
        var d = c.Design();
        var v = GoldenVectors.Build(d, RtlCases.Data, 2, 1);
        var rom = new RuleRom(c.Rule, c.Precision);
        int w = d.WeightWidth;
        var format = c.Precision.Weight.Format;
        var updates = v.UnitCommands.Select(Parse).Where(x => x >> (v.UnitCommandWidth - 1) == 1).ToList();
        Assert.Equal(v.UnitUpdates, updates.Count);
        var addresses = new HashSet<int>();
        bool hitMinimum = false;
        for (int i = 0; i < updates.Count; i++)
        {
            long weight = Signed(updates[i] & ((BigInteger.One << w) - 1), w);
            BigInteger expectedWord = Parse(v.UnitExpected[i]);
            long expected = Signed(expectedWord & ((BigInteger.One << w) - 1), w);
            int address = (int)((expectedWord >> w) & ((BigInteger.One << v.UnitRomAddressWidth) - 1));
            addresses.Add(address);
            long entry = rom.Hidden!.Value[address];
            if (weight + entry == format.MinRaw)
            {
                // SatSym: the most negative code is itself an overflow and becomes -MAX.
                Assert.Equal(-format.MaxRaw, expected);
                hitMinimum = true;
            }
        }

        Assert.Equal(Enumerable.Range(0, rom.Hidden!.Value.Length), addresses.Order());
        Assert.True(hitMinimum, "no update lands exactly on the most negative weight");
    }

    [Fact]
    public void Lifetime_ExpectedWeightsAreTheNetworksAtTheEdges()
    {
        var c = RtlCases.Fixed("r1-all-tables-sat");
        var d = c.Design();
        var v = GoldenVectors.Build(d, RtlCases.Data, c.Settings.Samples, 1);
        var network = new FixedPatternNetwork(c.Spec, c.Rule, c.Precision);
        for (int s = 0; s < c.Settings.Samples; s++)
        {
            network.Learn(RtlCases.Data.Row(s), RtlCases.Data.Label(s));
        }

        Assert.Equal(d.HiddenEdges, v.ExpectedHidden.Count);
        for (int e = 0; e < d.HiddenEdges; e++)
        {
            Assert.Equal(network.RecurrentWeightsRaw[d.HiddenEdgePost[e] * c.Spec.Hidden + d.HiddenEdgePre[e]], Signed(Parse(v.ExpectedHidden[e]), d.WeightWidth));
        }

        Assert.Equal(network.OutputWeightsRaw.ToArray(), v.ExpectedOutput.Select(h => Signed(Parse(h), d.WeightWidth)));
        Assert.Contains(network.RecurrentWeightsRaw.ToArray(), w => w != 0);
    }

    private static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static long Signed(BigInteger raw, int width) =>
        (long)(raw >= BigInteger.One << (width - 1) ? raw - (BigInteger.One << width) : raw);
}

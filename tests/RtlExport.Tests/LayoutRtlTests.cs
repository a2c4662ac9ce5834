using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// The RTL address logic for any additive layout (issue 15): random layouts whose tables read histories, role, weight,
/// margin and phase in random orders and widths export, and the plasticity unit, the engine and the learner co-simulate
/// bit-exact against the C# golden model (every weight, every prediction, every latency).
/// </summary>
public sealed class LayoutRtlTests
{
    /// <summary>Random-layout seeds co-simulated with Icarus in the default suite.</summary>
    public static TheoryData<int> FastSeeds => [1, 2, 3];

    [Theory]
    [MemberData(nameof(FastSeeds))]
    public void Iverilog_RandomLayout_MatchesTheModel(int seed) => AssertCosimPasses(RtlCases.RandomLayout(seed), Simulator.Iverilog);

    internal static void AssertCosimPasses(RtlCases.Case c, Simulator simulator)
    {
        using var dir = new TempFolder();
        var export = c.ExportTo(dir.Path);
        var results = Cosimulator.Run(dir.Path, simulator);
        Assert.Equal(4, results.Length);
        foreach (var r in results)
        {
            Assert.True(r.Passed, $"{c.Name} ({string.Join("; ", c.Rule.Layout.Tables.Select(t => $"{t.Name}: {t.FieldList}"))}): {r.Module} failed (exit {r.ExitCode}, checks {r.Checks}, mismatches {r.Mismatches}):\n{string.Join('\n', r.MismatchLines.Take(10))}\n{r.Log[^Math.Min(r.Log.Length, 2000)..]}");
            Assert.True(r.Checks > 0, $"{c.Name}: {r.Module} checked nothing");
            if (r.Module == export.Engine + "_tb" || r.Module == export.Learner + "_tb")
            {
                Assert.Equal(export.ExpectedUpdates, r.Stats["updates"]);
            }
        }
    }
}

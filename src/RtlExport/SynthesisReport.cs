using System.Collections.Immutable;

namespace Neuro.RtlExport;

/// <summary>Resource use (and, for iCE40, timing) of the exported engine.</summary>
/// <param name="Target">The synthesis target.</param>
/// <param name="Top">The synthesized top module.</param>
/// <param name="Luts">4-input LUTs (<c>$lut</c> cells, or <c>SB_LUT4</c>).</param>
/// <param name="FlipFlops">Flip-flops (<c>$_*DFF*</c> cells, or <c>SB_DFF*</c>).</param>
/// <param name="Cells">All cells.</param>
/// <param name="MemoryBits">Bits held in inferred memories (generic: <c>$mem</c> cells' width × size; iCE40: <c>SB_RAM40_4K</c> × 4096).</param>
/// <param name="BlockRams">Block RAMs (<c>SB_RAM40_4K</c> on iCE40, <c>RAMB18E1</c>/<c>RAMB36E1</c> on Xilinx), or <c>$mem</c> cells for generic.</param>
/// <param name="MaxFrequencyMhz">nextpnr's maximum frequency for the clock (iCE40 only): the median over the seeds.</param>
/// <param name="Device">The iCE40 device and package, or null.</param>
/// <param name="CellTypes">Cells by type.</param>
/// <param name="Dsps">DSP blocks (<c>DSP48E1</c>, Xilinx only; 0 elsewhere).</param>
/// <param name="FmaxBySeed">nextpnr's maximum frequency for each placement seed, in seed order (iCE40 only; empty elsewhere).</param>
/// <param name="Log">The tools' output.</param>
public sealed record SynthesisReport(
    SynthTarget Target,
    string Top,
    long Luts,
    long FlipFlops,
    long Cells,
    long MemoryBits,
    long BlockRams,
    double? MaxFrequencyMhz,
    string? Device,
    ImmutableSortedDictionary<string, long> CellTypes,
    string Log,
    long Dsps,
    ImmutableArray<double> FmaxBySeed)
{
    /// <summary>The lowest maximum frequency over the seeds (iCE40), or null.</summary>
    public double? MinFrequencyMhz => FmaxBySeed.IsDefaultOrEmpty ? null : FmaxBySeed.Min();
}

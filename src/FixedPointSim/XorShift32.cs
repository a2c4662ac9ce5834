using Neuro.Rules;

namespace Neuro.FixedPointSim;

/// <summary>
/// The pseudo-random generator behind stochastic rounding of weight updates (DESIGN.md §5), one type for every family:
/// Marsaglia's xorshift32 with shifts 13, 17, 5; <c>r</c> is the top <c>s</c> bits of the state. The pattern family
/// (<see cref="Patterns.PrecisionConfig.StochasticBits"/>) and the Hebbian family
/// (<see cref="Hebbian.HebbianPrecision.StochasticBits"/>) share it; the C# engines and the OpenCL kernel advance it
/// identically.
/// </summary>
/// <remarks>
/// <para>Pattern-family contract (the Hebbian one is in <see cref="Hebbian.FixedHebbianNetwork"/>'s remarks: it draws for
/// every synapse): one generator per lifetime; at reset its state is <see cref="Seed"/> of the network seed
/// (<c>(uint)SeedSequence.Derive64(spec.Seed, 0x5EED) | 1</c>, odd and so never 0, the one state xorshift cannot leave).
/// Each synapse update first advances it (<see cref="Next"/>), then takes <c>r</c> = the top <c>s</c> bits of the new
/// state (<c>state &gt;&gt; (32 − s)</c>) and adds <c>floor((word + r) / 2^s)</c> (an arithmetic shift) to the weight,
/// under the weight's overflow mode (<see cref="Delta"/>).</para>
/// <para>It advances once per synapse update whose ROM word is nonzero (a zero word adds <c>floor(r / 2^s) = 0</c>
/// whatever <c>r</c> is, so it draws nothing: the weight and the generator stay), in the golden model's walk order:
/// the recurrent edges present in the mask (post ascending, then pre ascending), then the input edges present in the
/// mask (post ascending, then input ascending), then the updated output rows (class ascending, then hidden neuron
/// ascending). Samples that do not update (classified correctly under <c>misclassifiedOnly</c>) do not advance it.</para>
/// <para>Per-neuron streams (<see cref="Patterns.PrecisionConfig.StochasticStreams"/> =
/// <see cref="Patterns.StochasticStreams.PerNeuron"/>, an additive extension of DESIGN.md §5): one generator per hidden
/// neuron <c>i</c>, reset to <see cref="NeuronSeed"/>, owning the synapses the learner RTL stores in neuron <c>i</c>'s lane:
/// recurrent row <c>i</c> (post = i), input row <c>i</c>, and output column <c>i</c> (every class's weight from neuron
/// <c>i</c>). It advances under the same rules, in the golden walk order restricted to those synapses: recurrent pre
/// ascending, then input ascending, then the updated output rows class ascending. The order in which different neurons'
/// generators advance does not matter, so lanes that walk rows in parallel draw exactly what the golden walk draws.</para>
/// </remarks>
public static class XorShift32
{
    /// <summary>The <see cref="SeedSequence"/> path element that separates this stream from the network seed's others.</summary>
    public const long SeedPath = 0x5EED;

    /// <summary>The generator's state at the reset of a lifetime of the network seeded <paramref name="networkSeed"/>: odd, never 0.</summary>
    public static uint Seed(int networkSeed) => (uint)SeedSequence.Derive64(networkSeed, SeedPath) | 1;

    /// <summary>
    /// With <see cref="Patterns.StochasticStreams.PerNeuron"/>: hidden neuron <paramref name="neuron"/>'s generator state at
    /// the reset of a lifetime, <c>(uint)SeedSequence.Derive64(networkSeed, 0x5EED, neuron) | 1</c>: odd, never 0.
    /// </summary>
    public static uint NeuronSeed(int networkSeed, int neuron) => (uint)SeedSequence.Derive64(networkSeed, SeedPath, neuron) | 1;

    /// <summary>The per-neuron generators' states at the reset of a lifetime: <see cref="NeuronSeed"/> of neurons 0..hidden−1.</summary>
    public static uint[] NeuronSeeds(int networkSeed, int hidden)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hidden);
        var seeds = new uint[hidden];
        for (int i = 0; i < hidden; i++)
        {
            seeds[i] = NeuronSeed(networkSeed, i);
        }

        return seeds;
    }

    /// <summary>One xorshift32 step: <c>x ^= x &lt;&lt; 13; x ^= x &gt;&gt; 17; x ^= x &lt;&lt; 5</c>.</summary>
    public static uint Next(uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }

    /// <summary>
    /// The weight increment of one stochastically rounded update: <c>floor((word + r) / 2^s)</c> with <c>r = state &gt;&gt; (32 − s)</c>,
    /// <paramref name="state"/> already advanced. Result: weight LSBs.
    /// </summary>
    /// <param name="word">The ROM word, at the weight's fractional bits plus <paramref name="bits"/>.</param>
    /// <param name="state">The generator state after this update's <see cref="Next"/>.</param>
    /// <param name="bits">The stochastic bits <c>s</c>, 1..<see cref="Patterns.PrecisionConfig.MaxStochasticBits"/>.</param>
    /// <remarks>Computed as <c>(word &gt;&gt; s) + (((word mod 2^s) + r) &gt;&gt; s)</c>, which equals it and cannot overflow.</remarks>
    public static long Delta(long word, uint state, int bits) =>
        (word >> bits) + (((word & ((1L << bits) - 1)) + (long)(state >> (32 - bits))) >> bits);
}

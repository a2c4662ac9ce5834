using System.Collections.Immutable;
using Neuro.Rules.Evolution;

namespace Neuro.Rules.Hebbian;

/// <summary>
/// Decodes a genome of <see cref="GeneCount"/> genes into a <see cref="HebbianRule"/>: per layer (hidden, then output)
/// <c>[e, A, B, C, D, E, F, G, s]</c> with the layer's <c>eta = base·10^e</c> and
/// <c>TraceShift = clamp(round(10 + 10·s), 0, 24)</c>, so a zero genome is each layer's base step with every coefficient
/// 0 (a rule that learns nothing) and traces of about 1000 samples.
/// </summary>
/// <remarks>The step is evolved on a log scale because useful steps span orders of magnitude; the coefficients are
/// evolved as they are, so the search scale of the optimizer is their natural unit.</remarks>
/// <param name="HiddenEtaBase">The hidden layer's step at gene <c>e = 0</c>. Default 1e-5 (a search starts from a nearly frozen hidden layer: random steps there destroy the features before the output learns anything).</param>
/// <param name="OutputEtaBase">The output layer's step at gene <c>e = 0</c>. Default 1e-4.</param>
public sealed record HebbianRuleDecoder(double HiddenEtaBase = 1e-5, double OutputEtaBase = 1e-4) : IRuleDecoder<RuleGenome, HebbianRule>
{
    /// <summary>Genes per layer: the log-step, the seven coefficients and the trace's shift.</summary>
    public const int GenesPerLayer = 9;

    /// <summary>The trace shift a zero gene decodes to.</summary>
    public const int TraceShiftBase = 10;

    /// <summary>Genes of a whole rule (two layers).</summary>
    public const int GeneCount = 2 * GenesPerLayer;

    /// <summary>The rule, or null when a gene is not finite or a step overflows.</summary>
    /// <exception cref="ArgumentException">The genome has the wrong length.</exception>
    public HebbianRule? Decode(RuleGenome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var genes = genome.Genes;
        if (genes.Length != GeneCount)
        {
            throw new ArgumentException($"Genome has {genes.Length} genes; a hebbian rule needs {GeneCount}", nameof(genome));
        }

        var hidden = Layer(genes, 0, HiddenEtaBase);
        var output = Layer(genes, GenesPerLayer, OutputEtaBase);
        return hidden is null || output is null ? null : new HebbianRule(hidden, output);
    }

    /// <summary>The genes that decode to <paramref name="rule"/> (for starting a search from it); a layer with step 0 gets <c>e = −10</c>.</summary>
    public double[] Genes(HebbianRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return [.. LayerGenes(rule.Hidden, HiddenEtaBase), .. LayerGenes(rule.Output, OutputEtaBase)];
    }

    private static HebbianLayerRule? Layer(ImmutableArray<double> genes, int at, double etaBase)
    {
        for (int i = at; i < at + GenesPerLayer; i++)
        {
            if (!double.IsFinite(genes[i]))
            {
                return null;
            }
        }

        double eta = etaBase * Math.Pow(10, genes[at]);
        if (!double.IsFinite(eta))
        {
            return null;
        }

        int shift = (int)Math.Clamp(Math.Round(TraceShiftBase + 10 * genes[at + 8], MidpointRounding.ToEven), 0, HebbianLayerRule.MaxTraceShift);
        return new HebbianLayerRule(eta, genes[at + 1], genes[at + 2], genes[at + 3], genes[at + 4], genes[at + 5], genes[at + 6], genes[at + 7], shift);
    }

    private static double[] LayerGenes(HebbianLayerRule layer, double etaBase) =>
        [layer.Eta > 0 ? Math.Log10(layer.Eta / etaBase) : -10, .. layer.Coefficients, (layer.TraceShift - TraceShiftBase) / 10.0];
}

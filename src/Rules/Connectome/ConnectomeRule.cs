using System.Collections.Immutable;
using Neuro.Rules.Json;
using Neuro.Rules.Patterns;

namespace Neuro.Rules.Connectome;

/// <summary>
/// A rule of the <c>connectome</c> family: refined weights of the biological connectome, stored as the edits that differ
/// from it, plus the network settings and the fingerprint of the data they apply to. <see cref="ConnectomeRuleFile"/>
/// reads and writes it.
/// </summary>
/// <param name="Network">How the network is built on the connectome.</param>
/// <param name="ConnectomeSha256">The <see cref="ConnectomeGraph.Fingerprint"/> of the data the weights were evolved on.</param>
/// <param name="Edits">The weights that differ from the biological ones, in gene order.</param>
public sealed record ConnectomeRule(ConnectomeNetworkSettings Network, string ConnectomeSha256, ImmutableArray<WeightEdit> Edits)
{
    /// <summary>The absolute path of the connectome folder the rule was evolved on, if recorded.</summary>
    public string? ConnectomePath { get; init; }

    /// <summary>Where the rule came from.</summary>
    public RuleProvenance? Provenance { get; init; }

    /// <summary>The edits of <paramref name="weights"/> against the biological weights of its spec.</summary>
    public static ImmutableArray<WeightEdit> EditsOf(ConnectomeWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var spec = weights.Spec;
        var biological = ConnectomeWeights.Biological(spec);
        var genes = spec.BiologicalGenes();
        var edits = ImmutableArray.CreateBuilder<WeightEdit>();
        for (int k = 0; k < spec.GeneCount; k++)
        {
            if (weights.Raw[k] == biological.Raw[k])
            {
                continue;
            }

            var (type, source, target) = Synapse(spec, k);
            edits.Add(new WeightEdit(type, source, target, genes[k], weights.Weight(k)));
        }

        return edits.ToImmutable();
    }

    /// <summary>
    /// The weights on <paramref name="spec"/>: the biological ones with <see cref="Edits"/> applied;
    /// <paramref name="source"/> (the rule file) names the rule in errors.
    /// </summary>
    /// <exception cref="JsonInputException">An edit names no synapse of the spec, repeats one, disagrees with its biological
    /// weight, or is not on the weight grid; the path is <c>edits[i]</c>.</exception>
    public ConnectomeWeights ToWeights(ConnectomeNetworkSpec spec, string source = "rule")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var index = new Dictionary<(SynapseType, string, string), int>();
        for (int k = 0; k < spec.GeneCount; k++)
        {
            var (type, from, to) = Synapse(spec, k);
            index[(type, from, to)] = k;
            if (type == SynapseType.Electrical)
            {
                index[(type, to, from)] = k;
            }
        }

        var genes = spec.BiologicalGenes();
        var raw = ConnectomeWeights.Biological(spec).Raw.ToArray();
        var seen = new HashSet<int>();
        for (int e = 0; e < Edits.Length; e++)
        {
            var edit = Edits[e];
            string field = $"edits[{e}]";
            string what = edit.Type == SynapseType.Chemical ? $"chemical synapse {edit.Source} -> {edit.Target}" : $"gap junction {edit.Source} -- {edit.Target}";
            if (!index.TryGetValue((edit.Type, edit.Source, edit.Target), out int k))
            {
                throw new JsonInputException(source, field, $"the network has no {what}");
            }

            if (!seen.Add(k))
            {
                throw new JsonInputException(source, field, $"the {what} is edited twice");
            }

            if (edit.Biological != genes[k])
            {
                throw new JsonInputException(source, field + ".biological", $"the {what} has biological weight {genes[k]} in this connectome, not {edit.Biological}");
            }

            double scaled = Math.ScaleB(edit.Weight, spec.FractionBits);
            if (!double.IsFinite(edit.Weight) || scaled != Math.Floor(scaled) || Math.Abs(scaled) > int.MaxValue)
            {
                throw new JsonInputException(source, field + ".weight", $"must be a finite multiple of 2^-{spec.FractionBits} within ±(2^31 − 1)·2^-{spec.FractionBits}, not {edit.Weight}");
            }

            raw[k] = (int)scaled;
        }

        return new ConnectomeWeights(spec, raw);
    }

    private static (SynapseType Type, string Source, string Target) Synapse(ConnectomeNetworkSpec spec, int gene)
    {
        if (gene < spec.ChemicalCount)
        {
            var s = spec.Chemical[gene];
            return (SynapseType.Chemical, spec.NodeName(s.Pre), spec.NodeName(s.Post));
        }

        var g = spec.GapJunctions[gene - spec.ChemicalCount];
        return (SynapseType.Electrical, spec.Neurons[g.A], spec.Neurons[g.B]);
    }
}

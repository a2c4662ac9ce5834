namespace Neuro.Rules.Evolution;

/// <summary>Turns a genome into a rule (SharpNEAT's decoder role).</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
/// <typeparam name="TRule">The rule (phenotype) type.</typeparam>
public interface IRuleDecoder<in TGenome, out TRule>
    where TRule : class
{
    /// <summary>The rule the genome encodes, or null when the genome is not viable.</summary>
    TRule? Decode(TGenome genome);
}

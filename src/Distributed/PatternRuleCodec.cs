using Neuro.Rules.Patterns;

namespace Neuro.Distributed;

/// <summary>
/// A pattern rule on the wire as its <c>rule.json</c> text (<see cref="PatternRuleFile"/>), so the cluster follows the
/// rule-file format as it evolves; JSON numbers are written shortest-round-trip, so every entry comes back exactly.
/// </summary>
public sealed class PatternRuleCodec : IRuleCodec<PatternRule>
{
    /// <inheritdoc/>
    public string Encode(PatternRule rule) => PatternRuleFile.Serialize(rule, provenance: null);

    /// <inheritdoc/>
    public PatternRule Decode(string text) => PatternRuleFile.Parse(text).Rule;
}

namespace Neuro.Rules.Patterns;

/// <summary>Network factories for evaluators and protocols: which implementation a lifetime runs on.</summary>
public static class PatternNetworks
{
    /// <summary>The float reference, <see cref="ReferencePatternNetwork"/>.</summary>
    public static IPatternNetwork Float(PatternNetworkSpec spec, PatternRule rule) => new ReferencePatternNetwork(spec, rule);
}

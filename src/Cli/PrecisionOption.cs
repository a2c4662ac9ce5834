using System.CommandLine;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Patterns;

namespace Neuro.Cli;

/// <summary>
/// <c>--precision default|FILE.json</c> (also spelled <c>fixed:default</c>, <c>fixed:FILE.json</c>): run the integer
/// fixed-point network with that precision config instead of the float reference. Shared by the verbs that run networks.
/// </summary>
internal static class PrecisionOption
{
    /// <summary>Makes the option.</summary>
    internal static Option<string?> Create() => new("--precision")
    {
        Description = "Run the bit-accurate fixed-point model: 'default' (see 'neuro simulate --print-default-precision') or a precision config JSON file; without it, the float reference runs",
        HelpName = "default|FILE.json",
    };

    /// <summary>The config named by the option's value, or null for the float reference.</summary>
    internal static PrecisionConfig? Resolve(string? value)
    {
        if (value is null)
        {
            return null;
        }

        string name = value.StartsWith("fixed:", StringComparison.Ordinal) ? value["fixed:".Length..] : value;
        if (name == "default")
        {
            return PrecisionConfig.Default;
        }

        if (!File.Exists(name))
        {
            throw new UsageException($"--precision: '{name}' is neither 'default' nor an existing precision config file");
        }

        try
        {
            return PrecisionConfig.Load(name);
        }
        catch (PrecisionConfigException e)
        {
            throw new UsageException($"--precision: {e.Message}", e);
        }
    }

    /// <summary>The network factory for a config: fixed point when given, else the float reference.</summary>
    internal static Func<PatternNetworkSpec, PatternRule, IPatternNetwork> Networks(PrecisionConfig? precision) =>
        precision is null ? PatternNetworks.Float : (spec, rule) => new FastFixedPatternNetwork(spec, rule, precision);

    /// <summary>Builds one network, turning a config that does not suit the network into a usage error.</summary>
    internal static IPatternNetwork Build(PrecisionConfig? precision, PatternNetworkSpec spec, PatternRule rule)
    {
        try
        {
            return Networks(precision)(spec, rule);
        }
        catch (Exception e) when (e is PrecisionConfigException or ArgumentException)
        {
            throw new UsageException($"--precision: {UsageException.Describe(e)}", e);
        }
    }
}

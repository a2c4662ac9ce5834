using System.CommandLine;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;

namespace Neuro.Cli;

/// <summary>
/// <c>--input-type</c>, <c>--weight-type</c>, <c>--activation-type</c>, <c>--entry-type</c>: set one signal's type
/// (<c>ap_fixed&lt;8,1,AP_RND_CONV,AP_SAT&gt;</c>) on top of <c>--precision</c> (or of the default config when
/// <c>--precision</c> is absent), so a precision config can come from flags as well as from JSON.
/// </summary>
internal sealed class PrecisionFieldOptions
{
    internal Option<string?> Input { get; } = Make("--input-type", "input");

    internal Option<string?> Weight { get; } = Make("--weight-type", "weight");

    internal Option<string?> Activation { get; } = Make("--activation-type", "accumulator/activation");

    internal Option<string?> Entry { get; } = Make("--entry-type", "rule-entry (ROM word; needs the weight's fractional bits)");

    /// <summary>All four options.</summary>
    internal Option[] All => [Input, Weight, Activation, Entry];

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    internal void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The config with any flagged field replaced; null when neither <paramref name="baseConfig"/> nor a flag asks for
    /// fixed point. Bad spellings and inconsistent configs are usage errors naming the flag.
    /// </summary>
    internal PrecisionConfig? Apply(PrecisionConfig? baseConfig, ParseResult result)
    {
        string? input = result.GetValue(Input), weight = result.GetValue(Weight), activation = result.GetValue(Activation), entry = result.GetValue(Entry);
        if (input is null && weight is null && activation is null && entry is null)
        {
            return baseConfig;
        }

        var b = baseConfig ?? PrecisionConfig.Default;
        try
        {
            // The base's stochastic bits stay (a flagged --entry-type then needs the weight's fractional bits plus them).
            var config = b with
            {
                Input = Parse(input, "--input-type") ?? b.Input,
                Weight = Parse(weight, "--weight-type") ?? b.Weight,
                Activation = Parse(activation, "--activation-type") ?? b.Activation,
                RuleEntry = Parse(entry, "--entry-type") ?? b.RuleEntry,
            };
            config.Validate();
            return config;
        }
        catch (Exception e) when (e is PrecisionConfigException or ArgumentException)
        {
            throw new UsageException($"precision flags: {UsageException.Describe(e)}", e);
        }
    }

    private static FixedType? Parse(string? text, string flag)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return FixedType.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{flag}: {e.Message}", e);
        }
    }

    private static Option<string?> Make(string name, string what) => new(name)
    {
        Description = $"The {what} type, e.g. ap_fixed<16,4,AP_RND_CONV,AP_SAT>; overrides that field of --precision (or of the default)",
        HelpName = "TYPE",
    };
}

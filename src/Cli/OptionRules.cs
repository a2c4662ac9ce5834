using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Neuro.Rules.Patterns;

namespace Neuro.Cli;

/// <summary>
/// Range rules that hold for an option wherever it appears (every verb's <c>--seed</c> is 0 or more, every
/// <c>--passes</c> at least 1, …), attached once to the whole command tree as parse-time validators, so each bad value is
/// a usage error naming the flag before any work starts.
/// </summary>
internal static class OptionRules
{
    /// <summary>Options that count something and must be 0 or more.</summary>
    private static readonly string[] NonNegative = ["--seed", "--data-seed", "--vector-seed", "--threads", "--device"];

    /// <summary>Options that count something and must be at least 1.</summary>
    private static readonly string[] Positive = ["--generations", "--passes", "--batches", "--batch-size", "--lifetime", "--holdout", "--samples", "--datasets", "--limit", "--cap", "--population"];

    /// <summary>Adds the rules to every option of <paramref name="command"/> and its subcommands that they name.</summary>
    internal static void Apply(Command command)
    {
        foreach (var option in command.Options)
        {
            if (NonNegative.Contains(option.Name))
            {
                Range(option, 0, int.MaxValue, "must be 0 or more");
            }
            else if (Positive.Contains(option.Name))
            {
                Range(option, 1, int.MaxValue, "must be at least 1");
            }
            else if (option.Name == "--hidden")
            {
                Range(option, 1, PatternNetworkSpec.MaxHidden, string.Create(CultureInfo.InvariantCulture, $"must be 1..{PatternNetworkSpec.MaxHidden}"));
            }
        }

        foreach (var sub in command.Subcommands)
        {
            Apply(sub);
        }
    }

    private static void Range(Option option, int min, int max, string rule)
    {
        switch (option)
        {
            case Option<int>:
            case Option<int?>:
                option.Validators.Add(r =>
                {
                    if (Value(r) is int value)
                    {
                        Check(r, value, min, max, rule);
                    }
                });
                break;
            default:
                // Another verb's option of the same name with another meaning (synth's --device is an iCE40 part name).
                break;
        }
    }

    /// <summary>The option's integer, or null when it is absent or did not parse (reported as its own error).</summary>
    private static int? Value(OptionResult result)
    {
        if (result.Implicit || result.Tokens.Count == 0 || !int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            return null;
        }

        return value;
    }

    private static void Check(OptionResult result, int value, int min, int max, string rule)
    {
        if (value < min || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{result.Option.Name} {rule}, not {value}"));
        }
    }
}

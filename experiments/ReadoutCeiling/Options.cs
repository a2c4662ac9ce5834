using System.Globalization;

namespace Neuro.Experiments;

/// <summary>The command line: the rule file and the network size.</summary>
internal sealed record Options(string RulePath, int Hidden, int Cap, int Generations)
{
    /// <summary>Parses <c>RULE.json [--hidden N] [--cap K] [--generations G]</c>; null when the line is malformed.</summary>
    public static Options? Parse(string[] args)
    {
        if (args.Length == 0 || args.Length % 2 == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        int hidden = 100, cap = 50, generations = 200;
        for (int i = 1; i < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value <= 0)
            {
                return null;
            }

            switch (args[i])
            {
                case "--hidden": hidden = value; break;
                case "--cap": cap = value; break;
                case "--generations": generations = value; break;
                default: return null;
            }
        }

        return cap > hidden ? null : new Options(args[0], hidden, cap, generations);
    }
}

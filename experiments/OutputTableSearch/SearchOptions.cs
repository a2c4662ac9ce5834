using System.Globalization;

namespace Neuro.Experiments;

/// <summary>The command line of the output-table search.</summary>
internal sealed record SearchOptions(
    string RulePath, string OutPath, int Hidden, int Cap, int Generations, double Sigma, int[] Selection, int[] Holdout, string SelectionText, string HoldoutText)
{
    /// <summary>Parses <c>RULE.json OUT.json [--hidden N] [--cap K] [--generations G] [--selection A-B] [--holdout A-B] [--sigma S]</c>; null when malformed.</summary>
    public static SearchOptions? Parse(string[] args)
    {
        if (args.Length < 2 || args.Length % 2 == 1 || args[0].StartsWith('-') || args[1].StartsWith('-'))
        {
            return null;
        }

        int hidden = 20, cap = 10, generations = 60;
        double sigma = 0.2;
        string selection = "101-160", holdout = "161-200";
        for (int i = 2; i < args.Length; i += 2)
        {
            string value = args[i + 1];
            switch (args[i])
            {
                case "--hidden" when Positive(value, out int h): hidden = h; break;
                case "--cap" when Positive(value, out int k): cap = k; break;
                case "--generations" when Positive(value, out int g): generations = g; break;
                case "--sigma" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0: sigma = s; break;
                case "--selection": selection = value; break;
                case "--holdout": holdout = value; break;
                default: return null;
            }
        }

        return cap <= hidden && Range(selection) is { } sel && Range(holdout) is { } hold && !sel.Intersect(hold).Any() && !sel.Concat(hold).Any(s => s <= 10)
            ? new SearchOptions(args[0], args[1], hidden, cap, generations, sigma, sel, hold, selection, holdout)
            : null;
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    /// <summary>The seeds A..B of "A-B", or null.</summary>
    private static int[]? Range(string text)
    {
        string[] parts = text.Split('-');
        return parts.Length == 2 && Positive(parts[0], out int a) && Positive(parts[1], out int b) && a <= b ? [.. Enumerable.Range(a, b - a + 1)] : null;
    }
}

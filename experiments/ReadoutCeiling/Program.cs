// Measures, for one pattern rule at a given network size on the synthetic task, how far the family's online output
// rule is from other readouts of the same hidden state. Usage (from the repository root):
//
//   dotnet run -c Release --project experiments/ReadoutCeiling -- RULE.json [--hidden 100] [--cap 50] [--generations 200]
//
// For every seed s the program runs the rule's lifetime on the synthetic task with data seed s and network seed s (what
// `neuro simulate --task synthetic --seed s` runs), freezes the weights, and records the last-round hidden state and the
// firing patterns of every training and test sample. Each readout then learns from the frozen training states in one
// pass in the lifetime's order and is scored on the test states. Seeds 1..10 are the test seeds (as in
// docs/results.md); the best output table is searched on seeds 101..124 only. Every draw is seeded, so a rerun prints
// the same table.
using System.Globalization;
using Neuro.Experiments;
using Neuro.Rules.Evolution;
using Neuro.Rules.Patterns;

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: readout-ceiling RULE.json [--hidden N] [--cap K] [--generations G]");
    return 2;
}

var (rule, _) = PatternRuleFile.Read(options.RulePath);
if (rule.Output is not { } ruleOutput)
{
    Console.Error.WriteLine($"readout-ceiling: {options.RulePath} has no output table.");
    return 2;
}

int[] testSeeds = [.. Enumerable.Range(1, 10)];
int[] selectionSeeds = [.. Enumerable.Range(101, 24)];
FrozenLifetime[] Run(int[] seeds) =>
    [.. seeds.AsParallel().AsOrdered().Select(s => FrozenLifetime.Run(rule, options.Hidden, options.Cap, s))];
var test = Run(testSeeds);

double[] lifetime = [.. test.Select(l => l.RuleTestAccuracy)];
var rows = new List<(string Readout, bool InFamily, double[] PerSeed)>
{
    ("the rule's lifetime (what `neuro simulate` reports)", true, lifetime),
};

// The replayed and searched output tables are the classic layout's (pattern, role: 2P entries added every sample). A
// rule whose output table reads other fields (margin, phase, weight) or keeps an output average is not replayed: its
// table would be indexed wrongly, and the rows below would judge a different rule.
var outputLayout = rule.TableLayoutOf(PatternLayouts.Output)!;
bool replayable = outputLayout.Fields.SequenceEqual(PatternLayouts.ClassicOutputFields(rule.Rounds)) && !rule.AveragesOutput;
double[]? best = null;
if (!replayable)
{
    Console.Error.WriteLine(
        $"readout-ceiling: {options.RulePath}'s output table reads {outputLayout.FieldList}{(rule.AveragesOutput ? " with an output average" : "")}, " +
        $"not the classic {string.Join(",", PatternLayouts.ClassicOutputFields(rule.Rounds))}; its table is not replayed or searched (the other readouts are)");
}
else
{
    var selection = Run(selectionSeeds);
    double[] table = [.. ruleOutput];
    double[] replayed = [.. test.Select(l => Readouts.OutputTable(l, table, averaged: false))];

    // Self-check of the replay: with no rounds and no input table the hidden state never changes during a lifetime, so
    // replaying the rule's output table on the frozen states must give the lifetime's accuracy exactly.
    if (rule.Rounds == 0 && rule.Input is null && !replayed.SequenceEqual(lifetime))
    {
        Console.Error.WriteLine($"readout-ceiling: replay check failed: {string.Join(' ', replayed)} against the lifetime's {string.Join(' ', lifetime)}");
        return 1;
    }

    rows.Add(("the rule's output table, replayed on the frozen states", true, replayed));

    // The best output table for these frozen states: CMA-ES over the 2P entries, fitness = mean test accuracy on the
    // selection seeds, started from the rule's own table.
    var optimizer = OptimizerFactory.Create("cmaes", table.Length, seed: 7, initialMean: table, population: 16, sigma: 0.5);
    double startFitness = selection.Average(l => Readouts.OutputTable(l, table, averaged: false));
    double bestFitness = double.NegativeInfinity;
    best = table;
    for (int g = 0; g < options.Generations; g++)
    {
        var candidates = optimizer.Ask();
        double[] fitness = [.. candidates.AsParallel().AsOrdered().Select(c => selection.Average(l => Readouts.OutputTable(l, c, averaged: false)))];
        optimizer.Tell(fitness);
        for (int i = 0; i < fitness.Length; i++)
        {
            if (fitness[i] > bestFitness)
            {
                (bestFitness, best) = (fitness[i], [.. candidates[i]]);
            }
        }

        if ((g + 1) % 25 == 0 || g + 1 == options.Generations)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"output-table search: generation {g + 1}/{options.Generations}, best selection accuracy {bestFitness:F4} (start {startFitness:F4})"));
        }
    }

    double[] found = best;
    rows.Add(($"the best output table for these states ({options.Generations} CMA-ES generations on seeds 101–124)", true,
        [.. test.Select(l => Readouts.OutputTable(l, found, averaged: false))]));
    rows.Add(("the rule's output table, weights averaged over the pass", false, [.. test.Select(l => Readouts.OutputTable(l, table, averaged: true))]));
}

rows.Add(("perceptron on the hidden values (label +h, prediction −h on errors)", false, [.. test.Select(l => Readouts.Perceptron(l, averaged: false))]));
rows.Add(("the same perceptron, weights averaged over the pass", false, [.. test.Select(l => Readouts.Perceptron(l, averaged: true))]));
rows.Add(("the averaged perceptron crediting 1 per firing neuron (h > 0), as a table of firing patterns can", false,
    [.. test.Select(l => Readouts.Perceptron(l, averaged: true, (h, _) => h > 0 ? 1 : 0))]));
rows.Add(("the averaged perceptron crediting 0.5 up to half the largest activity, 1.5 above (a 1-bit pre level)", false,
    [.. test.Select(l => Readouts.Perceptron(l, averaged: true, (h, largest) => h <= 0 ? 0 : h > largest / 2 ? 1.5 : 0.5))]));
rows.Add(("LMS on standardized values, rate 0.001", false, [.. test.Select(l => Readouts.Lms(l, 0.001))]));
rows.Add(("ridge regression, offline (`--ridge-readout`)", false, [.. test.Select(Readouts.Ridge)]));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{options.RulePath}: synthetic task, {options.Hidden} hidden, cap {options.Cap}, one pass; test accuracy over seeds 1..10"));
Console.WriteLine();
Console.WriteLine("| readout of the same hidden state | expressible as an output table | test accuracy (mean ± sd) | per seed (1 … 10) |");
Console.WriteLine("|---|---|---|---|");
foreach (var (readout, inFamily, perSeed) in rows)
{
    double mean = perSeed.Average();
    // Population sd, as scripts/evaluate-rule.sh prints it.
    double sd = Math.Sqrt(perSeed.Sum(a => (a - mean) * (a - mean)) / perSeed.Length);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {readout} | {(inFamily ? "yes" : "no")} | {100 * mean:F1} % ± {100 * sd:F1} | {string.Join(' ', perSeed.Select(a => a.ToString("0.###", CultureInfo.InvariantCulture)))} |"));
}

if (best is not null)
{
    Console.WriteLine();
    Console.WriteLine("best output table: [" + string.Join(", ", best.Select(x => x.ToString("0.####", CultureInfo.InvariantCulture))) + "]");
}

return 0;

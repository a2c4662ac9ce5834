// Searches one pattern rule's output table (every entry, any layout) with CMA-ES, the rest of the rule fixed, and
// judges the result on seeds the search never saw. Usage (from the repository root):
//
//   dotnet run -c Release --project experiments/OutputTableSearch -- RULE.json OUT.json [--hidden 20] [--cap 10]
//       [--generations 60] [--selection 101-160] [--holdout 161-200] [--sigma 0.2]
//
// Fitness: the mean one-pass test accuracy of real lifetimes in float (data seed = network seed = s, what
// `neuro simulate --task synthetic --seed s` runs) over the selection seeds. The output table's entries are searched in
// units of their RMS (the start is the rule's own table), 16 candidates per generation, CMA-ES seed 11. After every
// generation the best table so far is written to OUT.json (the rule with that table); at the end both rules are scored
// on the holdout seeds. Seeds 1..10 are never used. Every draw is seeded, so a rerun prints the same lines.
using System.Globalization;
using System.Text.Json;
using Neuro.Experiments;
using Neuro.Rules.Data;
using Neuro.Rules.Evolution;
using Neuro.Rules.Patterns;

var options = SearchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: output-table-search RULE.json OUT.json [--hidden N] [--cap K] [--generations G] [--selection A-B] [--holdout A-B] [--sigma S] (selection and holdout seeds disjoint and above 10: seeds 1..10 are the test seeds)");
    return 2;
}

if (File.Exists(options.OutPath))
{
    Console.Error.WriteLine($"output-table-search: {options.OutPath} exists; choose a new file");
    return 2;
}

var (rule, _) = PatternRuleFile.Read(options.RulePath);
int output = rule.Layout.Tables.ToList().FindIndex(t => t.Synapses == PatternLayouts.Output);
if (output < 0)
{
    Console.Error.WriteLine($"output-table-search: {options.RulePath} has no output table");
    return 2;
}

double[] start = [.. rule.Tables[output]];
double scale = Math.Sqrt(start.Average(x => x * x));
if (scale == 0)
{
    Console.Error.WriteLine($"output-table-search: {options.RulePath}'s output table is all zero");
    return 2;
}

PatternRule WithOutput(double[] units) => rule.WithTables(rule.Tables.SetItem(output, [.. units.Select(u => u * scale)]));

double Score(PatternRule candidate, int[] seeds) => seeds.AsParallel().AsOrdered().Select(s =>
{
    var (train, test) = SyntheticClassification.GenerateJoosten(s);
    var network = new ReferencePatternNetwork(new PatternNetworkSpec(train.Features, train.Classes, options.Hidden, options.Cap, Seed: s), candidate);
    PatternLifetime.Train(network, train, 1);
    return PatternLifetime.Accuracy(network, test);
}).Average();

// The written rule's own record (not the base rule's, whose note and command describe another rule): CMA-ES seed 11,
// its selection fitness, the base file and the seeds searched on.
RuleProvenance Provenance(double fitness) => new(11, "cmaes", "synthetic", fitness)
{
    Extra = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["base"] = JsonSerializer.Serialize(options.RulePath),
        ["note"] = JsonSerializer.Serialize(
            $"output table searched by experiments/OutputTableSearch on seeds {options.SelectionText} ({options.Hidden} hidden, cap {options.Cap}); the other tables and settings are the base rule's"),
    },
};

double[] mean = [.. start.Select(x => x / scale)];
double startFitness = Score(rule, options.Selection);
var optimizer = OptimizerFactory.Create("cmaes", mean.Length, seed: 11, initialMean: mean, population: 16, sigma: options.Sigma);
(double fitness, double[] units) best = (startFitness, mean);
for (int g = 0; g < options.Generations; g++)
{
    var candidates = optimizer.Ask();
    double[] fitness = [.. candidates.Select(c => Score(WithOutput([.. c]), options.Selection))];
    optimizer.Tell(fitness);
    for (int i = 0; i < fitness.Length; i++)
    {
        if (fitness[i] > best.fitness)
        {
            best = (fitness[i], [.. candidates[i]]);
        }
    }

    PatternRuleFile.Write(options.OutPath, WithOutput(best.units), Provenance(best.fitness));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"generation {g + 1}/{options.Generations}: best selection accuracy {best.fitness:F4} (start {startFitness:F4})"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"selection seeds {options.SelectionText}: start {startFitness:F4}, best {best.fitness:F4}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"holdout seeds {options.HoldoutText}: start {Score(rule, options.Holdout):F4}, best {Score(WithOutput(best.units), options.Holdout):F4}"));
return 0;

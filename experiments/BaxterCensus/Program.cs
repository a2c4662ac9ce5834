using System.Diagnostics;
using System.Globalization;
using Neuro.Rules.Baxter;
using Neuro.Rules.Evolution;

// Evaluates every learner of a given size (every genome of BaxterDecoder: each possible synapse absent, fixed ±1 or
// learnable starting at ±1, times the 16 rules) on a Boolean task with the reference model, and counts how many learn
// each function and all of them, by rule f. The GA's success rate is measured against this census.
//   dotnet run -c Release --project experiments/BaxterCensus -- [NODES] [TASK] [EPOCHS] [STEPS]      (4 boolean1 2 2)
int nodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;
string taskName = args.Length > 1 ? args[1] : "boolean1";
int epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : BooleanTask.DefaultEpochs;
int steps = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : BooleanTask.DefaultSteps;
var task = BooleanTask.Named(taskName, epochs, steps);
var decoder = new BaxterDecoder(nodes, task.Inputs);
int synapseGenes = decoder.GeneCount - 1;
long networks = (long)Math.Pow(BaxterDecoder.SynapseAlleles, synapseGenes);
if (networks > 50_000_000)
{
    Console.Error.WriteLine($"{networks} networks is too many to enumerate; use fewer nodes");
    return 2;
}

var clock = Stopwatch.StartNew();
var all = new long[BaxterRule.Count];          // learners of every function, by f
var perFunction = new long[task.Functions.Length];
var byCount = new long[task.Functions.Length + 1];
var gate = new object();
Parallel.For(0L, networks * BaxterRule.Count, () => (All: new long[BaxterRule.Count], Per: new long[task.Functions.Length], Count: new long[task.Functions.Length + 1]), (index, _, local) =>
{
    long network = index / BaxterRule.Count;
    var genes = new double[decoder.GeneCount];
    for (int g = 0; g < synapseGenes; g++)
    {
        genes[g] = network % BaxterDecoder.SynapseAlleles;
        network /= BaxterDecoder.SynapseAlleles;
    }

    int f = (int)(index % BaxterRule.Count);
    genes[^1] = f;
    var trials = BaxterTrial.RunAll(decoder.Decode(RuleGenome.Of(genes))!, task);
    int learned = 0;
    for (int k = 0; k < trials.Length; k++)
    {
        if (trials[k].Learned)
        {
            local.Per[k]++;
            learned++;
        }
    }

    local.Count[learned]++;
    if (learned == trials.Length)
    {
        local.All[f]++;
    }

    return local;
}, local =>
{
    lock (gate)
    {
        for (int f = 0; f < all.Length; f++)
        {
            all[f] += local.All[f];
        }

        for (int k = 0; k < perFunction.Length; k++)
        {
            perFunction[k] += local.Per[k];
        }

        for (int c = 0; c < byCount.Length; c++)
        {
            byCount[c] += local.Count[c];
        }
    }
});

long total = networks * BaxterRule.Count;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{task.Name}, {nodes} nodes, {epochs} epoch(s) of {steps} step(s): {total} learners ({networks} networks x 16 rules) in {clock.Elapsed.TotalSeconds:F0} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"learn every function: {all.Sum()} ({100.0 * all.Sum() / total:F4} %)"));
Console.WriteLine("by f: " + string.Join(", ", Enumerable.Range(0, BaxterRule.Count).Where(f => all[f] > 0).Select(f => $"f{f} ({new BaxterRule(f).Name}) {all[f]}")));
Console.WriteLine("learners of each function: " + string.Join(", ", task.Functions.Select((fn, k) => $"{fn.Name} {perFunction[k]}")));
Console.WriteLine("learners by number of functions learned: " + string.Join(", ", byCount.Select((c, k) => $"{k}: {c}")));
return 0;

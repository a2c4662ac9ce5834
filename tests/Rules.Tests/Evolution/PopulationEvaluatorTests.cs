using Xunit;

namespace Neuro.Rules.Evolution;

public sealed class PopulationEvaluatorTests
{
    /// <summary>Genome → its first gene, or no rule when that gene is negative.</summary>
    private sealed class FirstGene : IRuleDecoder<RuleGenome, string>
    {
        public string? Decode(RuleGenome genome) => genome.Genes[0] < 0 ? null : genome.Genes[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Scores a rule as its number times the generation; counts the calls of each kind.</summary>
    private sealed class Together(int extra = 0) : IPopulationRuleEvaluator<string>
    {
        public List<IReadOnlyList<string>> Calls { get; } = [];

        public int SingleCalls { get; private set; }

        public bool IsDeterministic => true;

        public bool EvaluatorsHaveState => false;

        public Fitness Evaluate(string rule, EvaluationContext context)
        {
            SingleCalls++;
            return Score(rule, context);
        }

        public IReadOnlyList<Fitness> EvaluateAll(IReadOnlyList<string> rules, EvaluationContext context, CancellationToken cancellation = default)
        {
            Calls.Add(rules);
            return [.. rules.Select(r => Score(r, context)), .. Enumerable.Repeat(new Fitness(0), extra)];
        }

        private static Fitness Score(string rule, EvaluationContext context) =>
            new(double.Parse(rule, System.Globalization.CultureInfo.InvariantCulture) * context.Generation);
    }

    [Fact]
    public void Evaluate_PopulationEvaluator_ScoresTheViableCandidatesInOneCall()
    {
        var evaluator = new Together();
        double[][] candidates = [[1], [-1], [3], [2]];
        var fitness = PopulationEvaluator.Evaluate(candidates, new FirstGene(), () => evaluator, new EvaluationContext(7, 5), threads: 2);
        Assert.Equal([5.0, Fitness.NonViable.Value, 15.0, 10.0], fitness);
        var call = Assert.Single(evaluator.Calls);
        Assert.Equal(["1", "3", "2"], call);
        Assert.Equal(0, evaluator.SingleCalls);
    }

    [Fact]
    public void Evaluate_NoViableCandidate_CallsNothing()
    {
        var evaluator = new Together();
        var fitness = PopulationEvaluator.Evaluate([[-1.0], [-2.0]], new FirstGene(), () => evaluator, new EvaluationContext(7, 1));
        Assert.All(fitness, f => Assert.Equal(Fitness.NonViable.Value, f));
        Assert.Empty(evaluator.Calls);
    }

    [Fact]
    public void Evaluate_WrongNumberOfFitnesses_ThrowsNamingTheEvaluator()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            PopulationEvaluator.Evaluate([[1.0], [2.0]], new FirstGene(), () => new Together(extra: 1), new EvaluationContext(7, 1)));
        Assert.Equal("Together.EvaluateAll returned 3 fitnesses for 2 rules", e.Message);
    }

    /// <summary>
    /// A population evaluator whose calls wait (up to 10 s) until two calls have been in flight at once, and which records
    /// the most calls that were ever in flight at once.
    /// </summary>
    private sealed class Overlapping(bool concurrent, bool waitForOthers, int sleepMilliseconds = 20) : IPopulationRuleEvaluator<string>
    {
        private readonly object gate = new();
        private int inFlight;

        public int MostInFlight { get; private set; }

        public bool IsDeterministic => true;

        public bool EvaluatorsHaveState => false;

        public bool AcceptsConcurrentCalls => concurrent;

        public Fitness Evaluate(string rule, EvaluationContext context) => EvaluateAll([rule], context)[0];

        public IReadOnlyList<Fitness> EvaluateAll(IReadOnlyList<string> rules, EvaluationContext context, CancellationToken cancellation = default)
        {
            lock (gate)
            {
                inFlight++;
                MostInFlight = Math.Max(MostInFlight, inFlight);
                Monitor.PulseAll(gate);
                var until = DateTime.UtcNow.AddSeconds(10);
                while (waitForOthers && MostInFlight < 2 && DateTime.UtcNow < until)
                {
                    Monitor.Wait(gate, TimeSpan.FromMilliseconds(50));
                }
            }

            Thread.Sleep(sleepMilliseconds);
            lock (gate)
            {
                inFlight--;
            }

            return [.. rules.Select(r => new Fitness(double.Parse(r, System.Globalization.CultureInfo.InvariantCulture) * context.Generation))];
        }
    }

    /// <summary>Scores like <see cref="Together"/>, one rule at a time; a population candidate (generation ≥ 0) waits until a validation one (generation &lt; 0) has started.</summary>
    private sealed class WaitsForValidation : IRuleEvaluator<string>
    {
        private readonly TaskCompletionSource validationStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsDeterministic => true;

        public bool EvaluatorsHaveState => false;

        public bool PopulationWaitedInVain { get; private set; }

        public Fitness Evaluate(string rule, EvaluationContext context)
        {
            if (context.Generation < 0)
            {
                validationStarted.TrySetResult();
            }
            else if (!validationStarted.Task.Wait(TimeSpan.FromSeconds(10)))
            {
                PopulationWaitedInVain = true;
            }

            return new Fitness(double.Parse(rule, System.Globalization.CultureInfo.InvariantCulture) * context.Generation);
        }
    }

    /// <summary>Scores like <see cref="Together"/>, one rule at a time.</summary>
    private sealed class Plain : IRuleEvaluator<string>
    {
        public bool IsDeterministic => true;

        public bool EvaluatorsHaveState => true;

        public Fitness Evaluate(string rule, EvaluationContext context) =>
            new(double.Parse(rule, System.Globalization.CultureInfo.InvariantCulture) * context.Generation);
    }

    private static EvaluationBatch[] GenerationWithValidation(double[][] population) =>
        [new(population, new EvaluationContext(7, 3)), new([[2.0]], new EvaluationContext(7, -1)), new([[2.0]], new EvaluationContext(7, -2))];

    [Fact]
    public void EvaluateBatches_EachBatchEqualsItsOwnEvaluate()
    {
        var batches = GenerationWithValidation([[1], [-1], [3], [2], [5]]);
        foreach (Func<IRuleEvaluator<string>> factory in new Func<IRuleEvaluator<string>>[] { () => new Together(), () => new Overlapping(concurrent: true, waitForOthers: false), () => new Plain() })
        {
            double[][] together = PopulationEvaluator.EvaluateBatches(batches, new FirstGene(), factory, threads: 2);
            Assert.Equal(batches.Length, together.Length);
            for (int b = 0; b < batches.Length; b++)
            {
                Assert.Equal(PopulationEvaluator.Evaluate(batches[b].Candidates, new FirstGene(), factory, batches[b].Context, threads: 1), together[b]);
            }
        }

        Assert.Equal([3.0, Fitness.NonViable.Value, 9.0, 6.0, 15.0], PopulationEvaluator.EvaluateBatches(batches, new FirstGene(), () => new Together())[0]);
    }

    [Fact]
    public void EvaluateBatches_PlainEvaluator_ValidationRunsBesideThePopulation()
    {
        // One population candidate blocks until a validation lifetime has started: scored one batch after another (the
        // way EvolutionRun validated before), it would wait out its 10 s and say so.
        var evaluator = new WaitsForValidation();
        double[][] results = PopulationEvaluator.EvaluateBatches(GenerationWithValidation([[1]]), new FirstGene(), () => evaluator, threads: 2);
        Assert.False(evaluator.PopulationWaitedInVain);
        Assert.Equal([[3.0], [-2.0], [-4.0]], results);
    }

    [Fact]
    public void EvaluateBatches_ConcurrentPopulationEvaluator_OverlapsTheBatches()
    {
        var evaluator = new Overlapping(concurrent: true, waitForOthers: true);
        PopulationEvaluator.EvaluateBatches(GenerationWithValidation([[1], [2]]), new FirstGene(), () => evaluator);
        Assert.True(evaluator.MostInFlight >= 2, $"at most {evaluator.MostInFlight} call in flight");
    }

    [Fact]
    public void EvaluateBatches_PopulationEvaluatorWithoutConcurrency_CallsOneAtATime()
    {
        // A device queue must never see two calls at once, whatever the batches.
        // Each call lasts 250 ms, so calls started together would be seen in flight together.
        var evaluator = new Overlapping(concurrent: false, waitForOthers: false, sleepMilliseconds: 250);
        PopulationEvaluator.EvaluateBatches(GenerationWithValidation([[1], [2]]), new FirstGene(), () => evaluator);
        Assert.Equal(1, evaluator.MostInFlight);
    }
}

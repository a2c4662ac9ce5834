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
}

using Neuro.Rules.Connectome;
using Neuro.Rules.Evolution;
using Xunit;

namespace Neuro.Rules.Foraging;

public sealed class ForagingTaskTests
{
    private static readonly Lazy<ForagingTask> Task = new(() => new ForagingTask(
        ConnectomeGraphTests.Shared.Value, new ConnectomeNetworkSettings(), new ForagingSettings { Patterns = [FoodPattern.Square, FoodPattern.Random] }, 3));

    [Fact]
    public void Fitness_IsDeterministicAndTheSameOnBothNetworks()
    {
        var task = Task.Value;
        double fitness = task.Fitness(task.Biological);
        Assert.Equal(fitness, task.Fitness(task.Biological));
        var reference = new ForagingEvaluator(new ReferenceConnectomeNetwork(task.Spec), task.Settings, task.Layouts);
        Assert.Equal(fitness, reference.Run(task.Biological));
        Assert.True(fitness > 0);
    }

    [Fact]
    public void PopulationEvaluator_GivesTheSameFitnessesOnAnyThreadCount()
    {
        var task = Task.Value;
        var rng = new Random(5);
        double[] start = task.Spec.BiologicalGenes();
        var candidates = Enumerable.Range(0, 12).Select(_ => start.Select(g => g + (4 * ((2 * rng.NextDouble()) - 1))).ToArray()).ToList();
        var decoder = new ConnectomeDecoder(task.Spec);
        double[] one = PopulationEvaluator.Evaluate(candidates, decoder, task.CreateEvaluator, new EvaluationContext(1, 0), threads: 1);
        double[] four = PopulationEvaluator.Evaluate(candidates, decoder, task.CreateEvaluator, new EvaluationContext(1, 0), threads: 4);
        Assert.Equal(one, four);
        Assert.True(one.Distinct().Count() > 6, "the perturbed connectomes should forage differently");
    }

    [Fact]
    public void EditedWeights_CountsRawDifferencesFromTheBiologicalWeights()
    {
        var task = Task.Value;
        double[] genes = task.Spec.BiologicalGenes();
        genes[3] += 0.03;   // rounds back to the same raw value at 4 fraction bits (0.03·16 = 0.48)
        genes[10] += 0.04;  // 0.64 rounds to one LSB
        genes[5000] -= 7;
        var weights = new ConnectomeDecoder(task.Spec).Decode(RuleGenome.Of(genes))!;
        Assert.Equal(2, task.EditedWeights(weights));
        Assert.Equal(0, task.EditedWeights(task.Biological));
    }
}

using BenchmarkDotNet.Attributes;
using Neuro.FixedPointSim.Hebbian;
using Neuro.Rules.Continual;
using Neuro.Rules.Hebbian;

namespace Neuro.Bench;

/// <summary>
/// Sample steps (<c>Learn</c>) of the hebbian network at the continual protocol's size (784 inputs, 256 hidden, 64
/// active, 20 outputs) with every term of the rule non-zero: the float reference (vectorized rows) and the bit-accurate
/// fixed-point network at the default precision (scalar rows with one xorshift draw per synapse). Inputs are seeded
/// uniform [0, 1) vectors with 80 % zeros, like MNIST's dark pixels.
/// </summary>
[PerSecondColumn("Samples/s", "Sample steps (Learn calls) per second: 1e9 / mean time per sample in ns")]
public class HebbianNetworkBenchmarks
{
    private const int Samples = 200;
    private static readonly HebbianNetworkSpec Spec = new(784, 20, 256, 64);
    private static readonly HebbianRule Rule = new(
        new HebbianLayerRule(1e-6, 1.9, -1.1, -4, 0.44, -0.87, 0.25, -0.03, 7),
        new HebbianLayerRule(5e-6, 3.3, -0.94, -0.32, 0.64, 0.48, 0.83, 1.8, 17));

    private double[][] inputs = [];
    private IContinualLearner learner = null!;

    [GlobalSetup(Target = nameof(Float))]
    public void SetupFloat() => Setup(new HebbianNetwork(Spec, Rule));

    [GlobalSetup(Target = nameof(Fixed))]
    public void SetupFixed() => Setup(new FixedHebbianNetwork(Spec, Rule, HebbianPrecision.Default));

    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public void Float() => Run();

    [Benchmark(OperationsPerInvoke = Samples)]
    public void Fixed() => Run();

    private void Setup(IContinualLearner network)
    {
        var random = new Random(1);
        inputs = [.. Enumerable.Range(0, Samples).Select(_ => Enumerable.Range(0, Spec.Inputs).Select(_ => random.NextDouble() < 0.8 ? 0 : random.NextDouble()).ToArray())];
        learner = network;
    }

    private void Run()
    {
        learner.Reset();
        for (int s = 0; s < Samples; s++)
        {
            learner.Learn(inputs[s], s % 20);
        }
    }
}

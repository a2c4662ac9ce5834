using Neuro.Rules.Data;

namespace Neuro.Rules.Hebbian;

/// <summary>
/// The shape and initial weights of a <see cref="HebbianNetwork"/>: <c>Inputs</c> features, a hidden layer of
/// <c>Hidden</c> neurons of which the <c>Active</c> most driven are active (k-winners-take-all), and <c>Classes</c>
/// output units. Every implementation (float, fixed point) starts from the weights this one spec draws.
/// </summary>
/// <param name="Inputs">Number of input features.</param>
/// <param name="Classes">Number of output units (20 for MNIST followed by Fashion-MNIST in one shared output layer).</param>
/// <param name="Hidden">Number of hidden neurons.</param>
/// <param name="Active">Hidden neurons active per sample, 1..Hidden−1.</param>
/// <param name="InitScale">Initial input weights are <c>N(0, InitScale²/Inputs)</c>; output weights start at 0.</param>
/// <param name="Seed">Seed of the initial weights.</param>
public sealed record HebbianNetworkSpec(int Inputs, int Classes, int Hidden = 256, int Active = 32, double InitScale = 1.0, int Seed = 1)
{
    /// <summary>Says what is wrong with the spec, or null when it is valid.</summary>
    public string? Problem =>
        Inputs < 1 ? $"Inputs must be at least 1, not {Inputs}"
        : Classes < 2 ? $"Classes must be at least 2, not {Classes}"
        : Hidden < 2 ? $"Hidden must be at least 2, not {Hidden}"
        : Active < 1 || Active >= Hidden ? $"Active must be 1..Hidden−1 ({Hidden - 1}), not {Active}"
        : !(InitScale >= 0) || !double.IsFinite(InitScale) ? FormattableString.Invariant($"InitScale must be finite and non-negative, not {InitScale}")
        : null;

    /// <summary>Throws <see cref="ArgumentException"/> with <see cref="Problem"/> when the spec is invalid.</summary>
    public void Validate()
    {
        if (Problem is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }

    /// <summary>
    /// The initial input → hidden weights, Hidden × Inputs row-major (row = hidden neuron): <c>InitScale/√Inputs · N(0,1)</c>
    /// drawn in row-major order from <c>new Random(Seed)</c> through <see cref="StandardNormal"/>.
    /// </summary>
    public double[] InitialHiddenWeights()
    {
        Validate();
        var normal = new StandardNormal(new Random(Seed));
        double scale = InitScale / Math.Sqrt(Inputs);
        var weights = new double[Hidden * Inputs];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = scale * normal.Next();
        }

        return weights;
    }
}

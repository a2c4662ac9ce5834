using Neuro.Rules.Data;

namespace Neuro.Rules.Patterns;

/// <summary>
/// The shape and fixed random structure of a pattern-rule network (DESIGN.md §3): <c>Inputs</c> features, <c>Classes</c>
/// outputs, <c>Hidden</c> recurrent neurons of which the <c>Cap</c> largest fire each round, edges present with probability
/// <c>EdgeProbability</c>. Every implementation (float, fixed point, OpenCL, RTL) builds its masks from this one spec.
/// </summary>
/// <param name="Inputs">Number of input features n.</param>
/// <param name="Classes">Number of classes m.</param>
/// <param name="Hidden">Number of hidden neurons numV.</param>
/// <param name="Cap">Number of neurons kept by the cap, k.</param>
/// <param name="EdgeProbability">Probability p of each input and recurrent edge.</param>
/// <param name="Seed">Seed of the masks and the fixed random weights.</param>
public sealed record PatternNetworkSpec(int Inputs, int Classes, int Hidden = 20, int Cap = 10, double EdgeProbability = 0.5, int Seed = 1)
{
    /// <summary>The most input features a network may have.</summary>
    public const int MaxInputs = 1 << 16;

    /// <summary>The most classes a network may have (as <see cref="Dataset.MaxClasses"/>).</summary>
    public const int MaxClasses = Dataset.MaxClasses;

    /// <summary>The most hidden neurons a network may have: the recurrent matrix then has 2^28 weights (2 GiB as doubles).</summary>
    public const int MaxHidden = 1 << 14;

    /// <summary>The most weights one matrix may have (2^28; 2 GiB as doubles), checked before anything is allocated.</summary>
    public const long MaxMatrixWeights = 1L << 28;

    /// <summary>Says what is wrong with the spec, or null when it is valid.</summary>
    public string? Problem =>
        Inputs < 1 || Inputs > MaxInputs ? $"Inputs must be 1..{MaxInputs}, not {Inputs}"
        : Classes < 2 || Classes > MaxClasses ? $"Classes must be 2..{MaxClasses}, not {Classes}"
        : Hidden < 1 || Hidden > MaxHidden ? $"Hidden must be 1..{MaxHidden}, not {Hidden}"
        : (long)Hidden * Inputs > MaxMatrixWeights || (long)Hidden * Classes > MaxMatrixWeights
            ? $"{Hidden} hidden neurons with {Inputs} inputs and {Classes} classes need more than {MaxMatrixWeights} weights in one matrix"
        : Cap < 1 || Cap > Hidden ? $"Cap must be 1..Hidden ({Hidden}), not {Cap}"
        : !(EdgeProbability >= 0 && EdgeProbability <= 1) ? $"EdgeProbability must be in [0, 1], not {EdgeProbability}"
        : null;

    /// <summary>Throws <see cref="ArgumentException"/> with <see cref="Problem"/> when the spec is invalid.</summary>
    public void Validate()
    {
        if (Problem is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless a sample has <see cref="Inputs"/> features.</summary>
    public void CheckFeatures(int length, string paramName)
    {
        if (length != Inputs)
        {
            throw new ArgumentException($"Expected {Inputs} features, got {length}", paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="label"/> is in <c>0..Classes−1</c>.</summary>
    public void CheckLabel(int label)
    {
        if ((uint)label >= (uint)Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"Label must be 0..{Classes - 1}, not {label}");
        }
    }

    /// <summary>
    /// Draws the masks and fixed weights from <see cref="Seed"/>, in this order (so other implementations can reproduce
    /// them): input mask row-major (Hidden × Inputs, <c>NextDouble() &lt; p</c>); recurrent mask row-major (Hidden × Hidden,
    /// row = post, column = pre; no draw on the diagonal, which is absent); fixed input weights N(0,1) row-major; fixed
    /// output weights N(0,1) row-major (Classes × Hidden); initial recurrent weights N(0,1) (used by multiplicative rules only).
    /// </summary>
    public PatternNetworkMasks BuildMasks()
    {
        Validate();
        var random = new Random(Seed);
        var inputMask = new bool[Hidden * Inputs];
        for (int i = 0; i < inputMask.Length; i++)
        {
            inputMask[i] = random.NextDouble() < EdgeProbability;
        }

        var recurrentMask = new bool[Hidden * Hidden];
        for (int post = 0; post < Hidden; post++)
        {
            for (int pre = 0; pre < Hidden; pre++)
            {
                recurrentMask[post * Hidden + pre] = post != pre && random.NextDouble() < EdgeProbability;
            }
        }

        var normal = new StandardNormal(random);
        return new PatternNetworkMasks(
            inputMask,
            recurrentMask,
            Gaussians(normal, Hidden * Inputs),
            Gaussians(normal, Classes * Hidden),
            Gaussians(normal, Hidden * Hidden));
    }

    private static double[] Gaussians(StandardNormal normal, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = normal.Next();
        }

        return values;
    }
}

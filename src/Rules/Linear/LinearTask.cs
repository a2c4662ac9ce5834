using System.Collections.Immutable;

namespace Neuro.Rules.Linear;

/// <summary>
/// The EMNN task (seed 004): fit <c>y = W·x + b</c> to <c>Y = Slope·X + Intercept</c> on <see cref="Points"/>
/// evenly spaced inputs from <see cref="XMin"/> to <see cref="XMax"/>; fitness <c>−MSE</c>.
/// </summary>
/// <remarks>
/// The default is <c>Y = 2X + 3</c> on X = −2, −1.75, …, 2 (17 points, steps of 1/4, so every input is exact in any
/// fixed-point format with two or more fractional bits). The inputs are symmetric about 0, so
/// <c>MSE = (W − 2)²·mean(X²) + (b − 3)²</c>: the two errors do not interact, and in a fixed-point format the best model
/// is the nearest representable W and b (when the output keeps every bit of <c>W·x + b</c>).
/// </remarks>
public sealed class LinearTask
{
    /// <summary>The task name on the command line.</summary>
    public const string Name = "linear";

    /// <summary>Creates and validates a task.</summary>
    /// <exception cref="ArgumentException">A non-finite number, <c>XMax ≤ XMin</c>, or fewer than 2 points.</exception>
    public LinearTask(double slope = 2, double intercept = 3, double xMin = -2, double xMax = 2, int points = 17)
    {
        foreach (var (name, value) in new[] { ("Slope", slope), ("Intercept", intercept), ("XMin", xMin), ("XMax", xMax) })
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"{name} must be finite, not {value}");
            }
        }

        if (!(xMax > xMin))
        {
            throw new ArgumentException($"XMax must be above XMin ({xMin}), not {xMax}", nameof(xMax));
        }

        if (points < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"Points must be at least 2, not {points}");
        }

        Slope = slope;
        Intercept = intercept;
        XMin = xMin;
        XMax = xMax;
        Points = points;
        Inputs = [.. Enumerable.Range(0, points).Select(i => xMin + ((xMax - xMin) * i / (points - 1)))];
        Targets = [.. Inputs.Select(x => (slope * x) + intercept)];
    }

    /// <summary>The target's slope (EMNN: 2).</summary>
    public double Slope { get; }

    /// <summary>The target's intercept (EMNN: 3).</summary>
    public double Intercept { get; }

    /// <summary>The smallest input.</summary>
    public double XMin { get; }

    /// <summary>The largest input.</summary>
    public double XMax { get; }

    /// <summary>Number of inputs.</summary>
    public int Points { get; }

    /// <summary>The inputs, ascending.</summary>
    public ImmutableArray<double> Inputs { get; }

    /// <summary>The targets <c>Slope·x + Intercept</c>, one per input.</summary>
    public ImmutableArray<double> Targets { get; }

    /// <summary>Mean squared error of <paramref name="model"/> over the inputs.</summary>
    public double MeanSquaredError(LinearModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        double sum = 0;
        for (int i = 0; i < Points; i++)
        {
            double e = model.Output(Inputs[i]) - Targets[i];
            sum += e * e;
        }

        return sum / Points;
    }
}

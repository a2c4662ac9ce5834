using Neuro.Rules.Linear;

namespace Neuro.FixedPointSim.Linear;

/// <summary>
/// <c>y = W·x + b</c> in fixed point: W and b in the weight type; <c>W·x</c> is exact (format
/// <c>Q(Ww + Wx)</c> with <c>fw + fx</c> fractional bits), <c>W·x + b</c> is exact, and the sum is narrowed once into
/// the output type.
/// </summary>
public sealed class FixedLinearModel
{
    /// <summary>A model with weight <paramref name="w"/> and bias <paramref name="b"/>, both in <c>precision.Weight</c>'s format.</summary>
    /// <exception cref="ArgumentException">W or b is not in the weight's format.</exception>
    public FixedLinearModel(Fixed w, Fixed b, LinearPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(precision);
        if (w.Format != precision.Weight.Format || b.Format != precision.Weight.Format)
        {
            throw new ArgumentException($"W ({w.Format}) and b ({b.Format}) must be in the weight format {precision.Weight.Format}");
        }

        W = w;
        B = b;
        Precision = precision;
    }

    /// <summary>The weight.</summary>
    public Fixed W { get; }

    /// <summary>The bias.</summary>
    public Fixed B { get; }

    /// <summary>The types.</summary>
    public LinearPrecision Precision { get; }

    /// <summary>The model a float model becomes: W and b quantized once by the weight type's rounding and overflow.</summary>
    /// <exception cref="ArgumentException">W or b is not finite.</exception>
    public static FixedLinearModel Quantize(LinearModel model, LinearPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(precision);
        return new FixedLinearModel(Fixed.FromDouble(model.W, precision.Weight), Fixed.FromDouble(model.B, precision.Weight), precision);
    }

    /// <summary>
    /// The representable (W, b) nearest to <paramref name="task"/>'s slope and intercept: each rounded to the nearest
    /// weight value (ties to even) and saturated. With inputs symmetric about 0 and an exact output, this is the model
    /// of least MSE.
    /// </summary>
    public static FixedLinearModel Nearest(LinearTask task, LinearPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(precision);
        var format = precision.Weight.Format;
        return new FixedLinearModel(
            Fixed.FromDouble(task.Slope, format, Rounding.RndConv, Overflow.Sat),
            Fixed.FromDouble(task.Intercept, format, Rounding.RndConv, Overflow.Sat),
            precision);
    }

    /// <summary><c>W·x + b</c> narrowed into the output type; <paramref name="x"/> must be in the input format.</summary>
    /// <returns>A value in <c>Precision.Output.Format</c>.</returns>
    public Fixed Output(Fixed x)
    {
        if (x.Format != Precision.Input.Format)
        {
            throw new ArgumentException($"x must be in the input format {Precision.Input.Format}, not {x.Format}", nameof(x));
        }

        return ((W * x) + B).Requantize(Precision.Output);
    }

    /// <summary>Mean squared error over <paramref name="task"/>: inputs quantized into the input type, the fixed outputs against the exact targets.</summary>
    public double MeanSquaredError(LinearTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        double sum = 0;
        for (int i = 0; i < task.Points; i++)
        {
            double e = Output(Fixed.FromDouble(task.Inputs[i], Precision.Input)).ToDouble() - task.Targets[i];
            sum += e * e;
        }

        return sum / task.Points;
    }
}

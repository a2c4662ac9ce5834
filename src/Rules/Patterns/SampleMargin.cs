using System.Numerics;

namespace Neuro.Rules.Patterns;

/// <summary>
/// A sample's margin signals from the forward pass's logits z: <c>Margin = z_label − max_{c≠label} z_c</c> and
/// <c>MaxAbs = max_c |z_c|</c> (what relative margin thresholds scale with), in float or in exact integers.
/// </summary>
/// <typeparam name="T">double, or Int128 raws at the logits' fractional bits.</typeparam>
/// <param name="Margin">Label logit minus the largest other logit.</param>
/// <param name="MaxAbs">The largest logit magnitude.</param>
public readonly record struct SampleMargin<T>(T Margin, T MaxAbs)
    where T : INumber<T>;

namespace Neuro.Rules.Connectome;

/// <summary>One tick's motor sums, raw: integers in units of <c>2^-FractionBits</c>.</summary>
/// <param name="Left">Sum over the left body-wall muscles of what they received this tick.</param>
/// <param name="Right">The same over the right muscles.</param>
public readonly record struct MotorOutput(long Left, long Right);

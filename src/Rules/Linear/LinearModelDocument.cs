namespace Neuro.Rules.Linear;

/// <summary>What a linear <c>rule.json</c> holds: the evolved model, its error, and where it came from.</summary>
/// <param name="Model">W and b (in fixed point: the values the raw integers stand for).</param>
/// <param name="Mse">Its mean squared error on the task.</param>
/// <param name="Task">The task's target and inputs.</param>
/// <param name="FixedPoint">The fixed-point form, when evolved at a precision; else null.</param>
/// <param name="Provenance">The run.</param>
public sealed record LinearModelDocument(LinearModel Model, double Mse, LinearTask Task, LinearFixedPoint? FixedPoint, LinearProvenance Provenance);

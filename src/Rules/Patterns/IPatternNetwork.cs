namespace Neuro.Rules.Patterns;

/// <summary>
/// A pattern-rule network that lives one lifetime at a time: the float reference here, and the fixed-point and OpenCL
/// versions later, behind one interface so protocols and evaluators serve them all.
/// </summary>
public interface IPatternNetwork
{
    /// <summary>Starts a new lifetime: every weight back to its initial value.</summary>
    void Reset();

    /// <summary>Forward pass only; returns the predicted class.</summary>
    int Predict(ReadOnlySpan<double> x);

    /// <summary>Forward pass, then the rule's update when it applies; returns the prediction made before the update.</summary>
    int Learn(ReadOnlySpan<double> x, int label);
}

namespace Neuro.Distributed;

/// <summary>
/// A worker ran a candidate and its evaluator failed (bad run configuration, missing data on that machine, an OpenCL
/// error): a fault in the work, not in the cluster, so the candidate is not dispatched again.
/// </summary>
public sealed class ClusterEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterEvaluationException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ClusterEvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public ClusterEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

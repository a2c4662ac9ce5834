namespace Neuro.Distributed;

/// <summary>A snapshot of a driver's dispatch.</summary>
/// <param name="Workers">Workers receiving candidates.</param>
/// <param name="InFlight">Candidates running on workers.</param>
/// <param name="Pending">Candidates waiting for a free slot.</param>
/// <param name="Completed">Candidates scored since the evaluator was created.</param>
/// <param name="Redispatched">Candidates dispatched again after their worker was lost.</param>
/// <param name="EvaluationsPerSecond">Candidates scored per second since the previous snapshot.</param>
public readonly record struct ClusterProgress(int Workers, int InFlight, int Pending, long Completed, long Redispatched, double EvaluationsPerSecond)
{
    /// <summary>One line for a terminal.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"cluster: {Workers} workers, {InFlight} candidates in flight, {Pending} waiting, {EvaluationsPerSecond:F1} evaluations/s, {Completed} done, {Redispatched} dispatched again");
}

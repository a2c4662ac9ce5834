using System.Collections.Immutable;

namespace Neuro.Rules.Continual;

/// <summary>
/// The accuracy matrices of one continual lifetime: row <c>p</c> is after phase <c>p</c> (the tasks learned so far),
/// column <c>t</c> is task <c>t</c>'s test accuracy in [0, 1].
/// </summary>
/// <param name="Tasks">Task names, in the order they were learned.</param>
/// <param name="ClassIncremental">Accuracies with the argmax over every output unit (no task label at test time).</param>
/// <param name="TaskIncremental">Accuracies with the argmax over the task's own units (the task known at test time).</param>
public sealed record ContinualResult(
    ImmutableArray<string> Tasks,
    ImmutableArray<ImmutableArray<double>> ClassIncremental,
    ImmutableArray<ImmutableArray<double>> TaskIncremental)
{
    /// <summary>Class-incremental forgetting (<see cref="Forgetting"/> of <see cref="ClassIncremental"/>).</summary>
    public double ClassForgetting => Forgetting(ClassIncremental);

    /// <summary>Class-incremental average after the last phase.</summary>
    public double ClassAverage => Average(ClassIncremental);

    /// <summary>Class-incremental average incremental accuracy (<see cref="IncrementalAccuracy"/>).</summary>
    public double ClassIncrementalAccuracy => IncrementalAccuracy(ClassIncremental);

    /// <summary>Task-incremental forgetting.</summary>
    public double TaskForgetting => Forgetting(TaskIncremental);

    /// <summary>Task-incremental average after the last phase.</summary>
    public double TaskAverage => Average(TaskIncremental);

    /// <summary>
    /// Forgetting: for every task but the last, its best accuracy after any phase from its own up to the one before
    /// last, minus its accuracy after the last phase; averaged over those tasks. For MNIST then Fashion-MNIST this is
    /// the drop on MNIST from after phase 1 to after phase 2. Zero with fewer than two phases.
    /// </summary>
    public static double Forgetting(ImmutableArray<ImmutableArray<double>> matrix)
    {
        int phases = matrix.Length;
        if (phases < 2)
        {
            return 0;
        }

        double sum = 0;
        for (int t = 0; t < phases - 1; t++)
        {
            double best = double.NegativeInfinity;
            for (int p = t; p < phases - 1; p++)
            {
                best = Math.Max(best, matrix[p][t]);
            }

            sum += best - matrix[phases - 1][t];
        }

        return sum / (phases - 1);
    }

    /// <summary>
    /// The average incremental accuracy (Rebuffi et al. 2017): after each phase <c>p</c>, the mean accuracy over the
    /// tasks learned so far (<c>0..p</c>), averaged over the phases. It rewards a learner that is useful after every
    /// phase, not only after the last.
    /// </summary>
    public static double IncrementalAccuracy(ImmutableArray<ImmutableArray<double>> matrix)
    {
        double sum = 0;
        for (int p = 0; p < matrix.Length; p++)
        {
            double row = 0;
            for (int t = 0; t <= p; t++)
            {
                row += matrix[p][t];
            }

            sum += row / (p + 1);
        }

        return matrix.Length == 0 ? 0 : sum / matrix.Length;
    }

    /// <summary>The mean accuracy over every task after the last phase.</summary>
    public static double Average(ImmutableArray<ImmutableArray<double>> matrix) =>
        matrix.IsDefaultOrEmpty ? 0 : matrix[^1].Average();
}

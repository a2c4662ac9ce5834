using System.Collections.Immutable;
using Neuro.Rules.Data;

namespace Neuro.Rules.Continual;

/// <summary>
/// The continual protocol: one lifetime, tasks learned one after another, each task's training samples streamed once
/// in a seeded random order, no replay, no task label while learning; after each phase every task's test set is scored
/// class-incrementally (argmax over every output unit) and task-incrementally (argmax over the task's own units).
/// </summary>
/// <remarks>
/// Task <c>k</c>'s stream order is a Fisher–Yates permutation from <c>SeedSequence.Random(seed, k)</c>; the samples
/// are read in place, never copied. After the last sample of a task the learner's <see cref="IContinualLearner.EndTask"/>
/// runs (EWC consolidates there). A prediction is the first unit with the highest score; a score vector holding NaN
/// (a diverged learner) counts as wrong.
/// </remarks>
public static class ContinualProtocol
{
    /// <summary>Runs one lifetime of <paramref name="learner"/> (reset first) over <paramref name="tasks"/>.</summary>
    /// <param name="learner">The learner; its output layer must hold every task's units.</param>
    /// <param name="tasks">The tasks, in the order they are learned.</param>
    /// <param name="seed">Seed of the stream orders.</param>
    /// <param name="scoreEveryPhase">When false only the last phase is scored (evolution needs no more) and the
    /// earlier rows of the matrices are NaN.</param>
    /// <param name="cancellation">Checked between samples.</param>
    /// <exception cref="ArgumentException">No tasks, or a task's units do not fit the learner's output layer, or the tasks disagree on the number of features.</exception>
    public static ContinualResult Run(IContinualLearner learner, IReadOnlyList<ContinualTask> tasks, long seed, bool scoreEveryPhase = true, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        Check(tasks, learner.Classes);
        learner.Reset();
        var scores = new double[learner.Classes];
        var classRows = ImmutableArray.CreateBuilder<ImmutableArray<double>>(tasks.Count);
        var taskRows = ImmutableArray.CreateBuilder<ImmutableArray<double>>(tasks.Count);
        for (int k = 0; k < tasks.Count; k++)
        {
            var task = tasks[k];
            var train = task.Train;
            int[] order = StreamOrder(train, seed, k);
            for (int s = 0; s < order.Length; s++)
            {
                if ((s & 255) == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                }

                learner.Learn(train.Row(order[s]), task.ClassOffset + train.Label(order[s]));
            }

            learner.EndTask(train, task.ClassOffset);
            if (scoreEveryPhase || k == tasks.Count - 1)
            {
                var classRow = new double[tasks.Count];
                var taskRow = new double[tasks.Count];
                for (int t = 0; t < tasks.Count; t++)
                {
                    (classRow[t], taskRow[t]) = Score(learner, tasks[t], scores, cancellation);
                }

                classRows.Add([.. classRow]);
                taskRows.Add([.. taskRow]);
            }
            else
            {
                var nan = Enumerable.Repeat(double.NaN, tasks.Count).ToImmutableArray();
                classRows.Add(nan);
                taskRows.Add(nan);
            }
        }

        return new ContinualResult([.. tasks.Select(t => t.Name)], classRows.MoveToImmutable(), taskRows.MoveToImmutable());
    }

    /// <summary>The order in which task <paramref name="k"/>'s training samples are streamed in a lifetime seeded <paramref name="seed"/>.</summary>
    public static int[] StreamOrder(Dataset train, long seed, int k)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Dataset.Permutation(train.Count, SeedSequence.Random(seed, k));
    }

    /// <summary>
    /// The first <paramref name="count"/> training samples of a lifetime over <paramref name="tasks"/> seeded
    /// <paramref name="seed"/>, in the order <see cref="Run"/> streams them (task after task), labelled with their output
    /// units (<c>ClassOffset + label</c>): the input of golden vectors taken from a real lifetime.
    /// </summary>
    /// <exception cref="ArgumentException">No tasks, the tasks disagree on the number of features, or <paramref name="count"/> is not 1..(all training samples).</exception>
    public static Dataset Prefix(IReadOnlyList<ContinualTask> tasks, long seed, int count)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("The protocol needs at least one task", nameof(tasks));
        }

        int total = tasks.Sum(t => t.Train.Count);
        if (count < 1 || count > total)
        {
            throw new ArgumentException($"A lifetime prefix holds 1..{total} samples, not {count}", nameof(count));
        }

        int features = tasks[0].Train.Features;
        if (tasks.Any(t => t.Train.Features != features))
        {
            throw new ArgumentException("The tasks disagree on the number of features", nameof(tasks));
        }

        var values = new double[(long)count * features];
        var labels = new int[count];
        int n = 0;
        for (int k = 0; k < tasks.Count && n < count; k++)
        {
            var train = tasks[k].Train;
            foreach (int i in StreamOrder(train, seed, k))
            {
                if (n == count)
                {
                    break;
                }

                train.Row(i).CopyTo(values.AsSpan(n * features, features));
                labels[n++] = tasks[k].ClassOffset + train.Label(i);
            }
        }

        return new Dataset(features, tasks.Max(t => t.ClassOffset + t.Classes), values, labels);
    }

    /// <summary>Class- and task-incremental accuracy of <paramref name="learner"/> on <paramref name="task"/>'s test set.</summary>
    public static (double ClassIncremental, double TaskIncremental) Score(IContinualLearner learner, ContinualTask task, double[] scores, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(scores);
        var test = task.Test;
        int classCorrect = 0, taskCorrect = 0;
        for (int i = 0; i < test.Count; i++)
        {
            if ((i & 255) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            learner.Scores(test.Row(i), scores);
            int unit = task.ClassOffset + test.Label(i);
            if (ArgMax(scores, 0, scores.Length) == unit)
            {
                classCorrect++;
            }

            if (ArgMax(scores, task.ClassOffset, task.Classes) == unit)
            {
                taskCorrect++;
            }
        }

        return test.Count == 0 ? (0, 0) : ((double)classCorrect / test.Count, (double)taskCorrect / test.Count);
    }

    /// <summary>The first index in <c>[start, start + count)</c> with the highest score, or −1 when any score there is NaN.</summary>
    public static int ArgMax(ReadOnlySpan<double> scores, int start, int count)
    {
        int best = start;
        for (int c = start; c < start + count; c++)
        {
            if (double.IsNaN(scores[c]))
            {
                return -1;
            }

            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }

    private static void Check(IReadOnlyList<ContinualTask> tasks, int classes)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("At least one task is needed", nameof(tasks));
        }

        int features = tasks[0].Train.Features;
        foreach (var task in tasks)
        {
            if (task.ClassOffset < 0 || task.ClassOffset + task.Classes > classes)
            {
                throw new ArgumentException($"Task '{task.Name}' uses output units {task.ClassOffset}..{task.ClassOffset + task.Classes - 1}; the learner has {classes}", nameof(tasks));
            }

            if (task.Train.Features != features || task.Test.Features != features)
            {
                throw new ArgumentException($"Task '{task.Name}' has {task.Train.Features} features (test {task.Test.Features}); task '{tasks[0].Name}' has {features}", nameof(tasks));
            }
        }
    }
}

using System.Collections.Immutable;

namespace Neuro.Rules.Baxter;

/// <summary>Runs one trial of a <see cref="BooleanTask"/>: train a learner on one function from reset, then test it.</summary>
public static class BaxterTrial
{
    /// <summary>
    /// Trains <paramref name="machine"/> on <paramref name="function"/> by the task's protocol (see <see cref="BooleanTask"/>)
    /// and tests it; the machine is reset first and left as the test left it.
    /// </summary>
    /// <param name="machine">The running learner (reset here).</param>
    /// <param name="task">The protocol.</param>
    /// <param name="function">The function to learn; must have the task's arity.</param>
    /// <param name="trace">Record every step in the result.</param>
    public static BaxterTrialResult Run(BaxterMachine machine, BooleanTask task, BooleanFunction function, bool trace = false)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(task);
        if (function.Inputs != task.Inputs || machine.Learner.Network.Inputs != task.Inputs)
        {
            throw new ArgumentException($"The function has {function.Inputs} input(s) and the network {machine.Learner.Network.Inputs}; the task needs {task.Inputs}", nameof(function));
        }

        var steps = trace ? ImmutableArray.CreateBuilder<BaxterTraceStep>(task.StepsPerTrial) : null;
        int time = 0;
        void Step(int k, bool clamp)
        {
            int[] x = function.InputsOf(k);
            int target = function.Target(k);
            int[] presented = machine.Step(x, target, clamp);
            steps?.Add(new BaxterTraceStep(time, clamp, k, [.. x], target, [.. presented], [.. machine.Activities], [.. machine.LearnableWeights]));
            time++;
        }

        machine.Reset();
        for (int e = 0; e < task.Epochs; e++)
        {
            for (int k = 0; k < function.Cases; k++)
            {
                for (int s = 0; s < task.Steps; s++)
                {
                    Step(k, clamp: true);
                }
            }
        }

        var outputs = new int[function.Cases];
        for (int k = 0; k < function.Cases; k++)
        {
            machine.ClearActivities();
            for (int s = 0; s < task.Steps; s++)
            {
                Step(k, clamp: false);
            }

            outputs[k] = machine.Output;
        }

        return new BaxterTrialResult(function, [.. outputs], steps?.ToImmutable() ?? []);
    }

    /// <summary>Runs every function of <paramref name="task"/> on a fresh machine for <paramref name="learner"/>.</summary>
    public static ImmutableArray<BaxterTrialResult> RunAll(BaxterLearner learner, BooleanTask task, bool trace = false)
    {
        ArgumentNullException.ThrowIfNull(task);
        var machine = new BaxterMachine(learner);
        return [.. task.Functions.Select(f => Run(machine, task, f, trace))];
    }
}

using Neuro.OpenClKernels.Patterns;
using Neuro.Rules;
using Neuro.Rules.Connectome;
using Neuro.Rules.Data;
using Neuro.Rules.Evolution;
using Neuro.Rules.Foraging;
using Neuro.Rules.Patterns;
using Neuro.Rules.Tasks;

namespace Neuro.Cli;

/// <summary>
/// The evaluator an evolution run's configuration asks for (Joosten's or the holdout fitness, float or fixed point,
/// CPU or OpenCL): built the same way in process by <c>neuro evolve</c> and on each <c>neuro worker</c> from the run's
/// stored configuration, so a lifetime gives the same fitness wherever it runs. The foraging task's evaluators
/// (<c>--task foraging</c>, connectome weights) are built here too; they run in process only (the cluster's codec carries
/// pattern rules, so <c>--cluster</c> is refused for foraging).
/// </summary>
internal static class EvolveEvaluators
{
    /// <summary>Makes the run's evaluators over <paramref name="train"/> (loaded from <paramref name="config"/>'s task).</summary>
    /// <param name="config">The run's configuration.</param>
    /// <param name="train">Its training set.</param>
    /// <param name="network">Its network on the training set's shape.</param>
    /// <param name="openCl">The OpenCL device to run lifetimes on, or null for the CPU.</param>
    internal static Func<IRuleEvaluator<PatternRule>> Create(EvolveConfig config, Dataset train, PatternNetworkSpec network, OpenClLifetimeBatch? openCl)
    {
        var pool = FitnessDatasets(config, train);
        var precisionConfig = config.PrecisionConfig;
        var networks = PrecisionOption.Networks(precisionConfig);
        return () =>
        {
            if (config.Fitness == "holdout")
            {
                var holdoutEvaluator = new HoldoutLifetimeEvaluator(pool, network, config.Lifetime, config.Holdout, config.Passes, config.Batches, networks: networks);
                return openCl is null ? holdoutEvaluator : new OpenClRuleEvaluator(holdoutEvaluator.Lifetimes, openCl, precisionConfig!);
            }

            var joosten = new JoostenBatchEvaluator(train, network, config.Batches, config.BatchSize, networks: networks);
            return openCl is null ? joosten : new OpenClRuleEvaluator(joosten.Lifetimes, openCl, precisionConfig!);
        };
    }

    /// <summary>Makes a foraging run's evaluators: each runs one lifetime per food layout of <paramref name="task"/> and sums the rewards.</summary>
    /// <param name="task">The run's foraging task (connectome, network settings, food layouts).</param>
    internal static Func<IRuleEvaluator<ConnectomeWeights>> Create(ForagingTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return () => task.CreateEvaluator();
    }

    /// <summary>The training set, plus for generated tasks further datasets from derived data seeds (holdout fitness only).</summary>
    private static List<Dataset> FitnessDatasets(EvolveConfig config, Dataset train)
    {
        var pool = new List<Dataset> { train };
        if (config.Datasets < 1)
        {
            throw new UsageException($"--datasets must be at least 1, not {config.Datasets}");
        }

        if (config.Datasets > 1)
        {
            var generated = TaskCatalogue.DatasetTasks.Where(t => t.Needs == TaskSource.None).Select(t => t.Name).ToList();
            if (!generated.Contains(config.Task.Task))
            {
                throw new UsageException($"--datasets above 1 needs a generated task ({string.Join(" or ", generated)})");
            }

            for (int i = 1; i < config.Datasets; i++)
            {
                pool.Add((config.Task with { DataSeed = SeedSequence.Derive(config.Task.DataSeed, i) }).Load().Train);
            }
        }

        return pool;
    }
}

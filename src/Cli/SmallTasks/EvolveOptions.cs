using System.CommandLine;

namespace Neuro.Cli.SmallTasks;

/// <summary>The options of <c>neuro evolve</c> the small tasks read, and those they do not (rejected when given).</summary>
internal sealed record EvolveOptions(
    Option<string?> Task,
    Option<int> Seed,
    Option<string?> Out,
    Option<int> Generations,
    Option<bool> Resume,
    Option<bool> Json,
    Option<int> Threads,
    Option<string> Algorithm,
    Option<int?> Population,
    Option<double?> Sigma,
    Option<double?> LearningRate,
    Option<string?> Precision,
    IReadOnlyList<Option> Others);

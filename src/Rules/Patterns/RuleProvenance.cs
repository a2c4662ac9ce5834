namespace Neuro.Rules.Patterns;

/// <summary>Where a rule came from: the seed, algorithm and task of the run that found it and its fitness there.</summary>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Algorithm">Optimizer name (<c>es</c>, <c>oes</c>, <c>ga</c>, <c>cmaes</c>, <c>hand</c>, …).</param>
/// <param name="Task">Task name (<c>synthetic</c>, <c>halfspace</c>, <c>mnist</c>, …).</param>
/// <param name="Fitness">Fitness the run reported for the rule.</param>
public sealed record RuleProvenance(long Seed, string Algorithm, string Task, double Fitness)
{
    /// <summary>Further facts (generations, evaluations, test accuracy, command line), as raw JSON values by key.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
}

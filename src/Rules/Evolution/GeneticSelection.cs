namespace Neuro.Rules.Evolution;

/// <summary>How <see cref="GeneticOptimizer"/> picks each parent from the ranked population.</summary>
public enum GeneticSelection
{
    /// <summary><see cref="GeneticSettings.TournamentSize"/> ranks drawn uniformly with replacement; the best wins.</summary>
    Tournament,

    /// <summary>Selection of the best: a rank drawn uniformly from the best <see cref="GeneticSettings.TruncationSize"/>.</summary>
    Truncation,
}

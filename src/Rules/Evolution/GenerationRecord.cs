namespace Neuro.Rules.Evolution;

/// <summary>One row of the per-generation log.</summary>
/// <param name="Generation">Generation number, from 1.</param>
/// <param name="Best">Best fitness in the generation.</param>
/// <param name="Mean">Mean fitness of the population.</param>
/// <param name="Std">Standard deviation of the population's fitness.</param>
/// <param name="Evaluations">Rule evaluations so far in the run.</param>
/// <param name="Seconds">Wall-clock seconds the generation took.</param>
public sealed record GenerationRecord(int Generation, double Best, double Mean, double Std, long Evaluations, double Seconds)
{
    /// <summary>The CSV header matching <see cref="ToCsv"/>.</summary>
    public const string CsvHeader = "generation,best,mean,std,evaluations,seconds,validation";

    /// <summary>Validation fitness of the optimizer's current rule (fixed contexts, comparable across generations).</summary>
    public double Validation { get; init; } = double.NaN;

    /// <summary>
    /// Genes of the generation's best candidate (the first of equals), whose fitness is <see cref="Best"/>; not part of
    /// the CSV row. Tasks whose fitness ignores the context (deterministic, no sampled data) report it per generation.
    /// </summary>
    public IReadOnlyList<double>? BestGenes { get; init; }

    /// <summary>The row as CSV (invariant culture, round-trip doubles).</summary>
    public string ToCsv() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Generation},{Best:R},{Mean:R},{Std:R},{Evaluations},{Seconds:F3},{Validation:R}");
}

using System.Text.Json;
using Neuro.Rules.Json;
using Neuro.Rules.Patterns;

namespace Neuro.Cli;

/// <summary>Everything that defines an evolution run; stored in its checkpoint so <c>--resume</c> rebuilds the same run.</summary>
internal sealed record EvolveConfig(
    TaskChoice Task,
    string Algorithm,
    int? Population,
    int Batches,
    int BatchSize,
    int Rounds,
    double Eta,
    PatternUpdateMode Mode,
    bool MisclassifiedOnly,
    OutputEdges OutputEdges,
    bool EvolveInput,
    bool EvolveOutput,
    string Fitness = "joosten",
    int Lifetime = 1000,
    int Holdout = 500,
    int Passes = 1,
    int Datasets = 1,
    double[]? InitialGenes = null,
    string? Precision = null)
{
    /// <summary>The optimizer's search scale (<c>--sigma</c>), or null for its default.</summary>
    public double? Sigma { get; init; }

    /// <summary>The ES learning rate (<c>--learning-rate</c>), or null for the default.</summary>
    public double? LearningRate { get; init; }

    /// <summary>The run's total generations as last asked for (<c>--generations</c>); <c>--resume</c> without it continues to this.</summary>
    public int? Generations { get; init; }

    /// <summary>SHA-256 of the data the run learns from (<see cref="Hashes.OfData"/>); <c>--resume</c> refuses other data.</summary>
    public string? DataSha256 { get; init; }

    /// <summary>The hidden table's fields as <c>--hidden-fields</c> spells them (<c>preHistory:4,postHistory:4,phase:2</c>), or null for the classic ones.</summary>
    public string? HiddenFields { get; init; }

    /// <summary>The input table's fields (<c>--input-fields</c>), or null for the classic ones.</summary>
    public string? InputFields { get; init; }

    /// <summary>The output table's fields (<c>--output-fields</c>), or null for the classic ones.</summary>
    public string? OutputFields { get; init; }

    /// <summary>The rules' output average (<c>--output-average-shift</c>; 0, the default and what older checkpoints hold: off).</summary>
    public int OutputAverageShift { get; init; }

    /// <summary>The rule settings evolution holds fixed.</summary>
    internal PatternRuleSettings RuleSettings => new(Rounds, Eta, Mode, MisclassifiedOnly, OutputEdges, EvolveInput, EvolveOutput)
    {
        HiddenFields = Fields(HiddenFields),
        InputFields = Fields(InputFields),
        OutputFields = Fields(OutputFields),
        OutputAverageShift = OutputAverageShift,
    };

    private static System.Collections.Immutable.ImmutableArray<Neuro.Rules.Layouts.LayoutField> Fields(string? text) =>
        text is null ? default : Neuro.Rules.Layouts.RuleLayout.ParseFields(text);

    /// <summary>The fixed-point precision fitness is evaluated at, or null for the float reference.</summary>
    internal Neuro.FixedPointSim.Patterns.PrecisionConfig? PrecisionConfig =>
        Precision is null ? null : Neuro.FixedPointSim.Patterns.PrecisionConfig.FromJson(Precision);

    /// <summary>The config as one line of JSON (camelCase, enums as strings), as the checkpoint stores it.</summary>
    internal string ToJson() => JsonSerializer.Serialize(this, StrictJson.Options);

    /// <summary>Reads the config strictly; <paramref name="source"/> names the checkpoint in errors.</summary>
    /// <exception cref="JsonInputException">The JSON breaks the model.</exception>
    internal static EvolveConfig FromJson(string json, string source = "evolve config") => StrictJson.Deserialize<EvolveConfig>(json, source);
}

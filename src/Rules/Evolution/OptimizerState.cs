using System.Text.Json.Serialization;

namespace Neuro.Rules.Evolution;

/// <summary>The header every optimizer's checkpoint state carries; <see cref="OptimizerJson.Read{T}"/> checks it; written first, in this order.</summary>
internal abstract class OptimizerState
{
    /// <summary>Optimizer name (<c>es</c>, <c>oes</c>, <c>ga</c>, <c>cmaes</c>).</summary>
    [JsonPropertyOrder(-5)]
    public string Name { get; set; } = "";

    /// <summary>State format version, <see cref="OptimizerJson.Version"/>.</summary>
    [JsonPropertyOrder(-4)]
    public int Version { get; set; }

    /// <summary>Length of every candidate vector.</summary>
    [JsonPropertyOrder(-3)]
    public int Dimension { get; set; }

    /// <summary>Run seed.</summary>
    [JsonPropertyOrder(-2)]
    public long Seed { get; set; }

    /// <summary>Completed generations.</summary>
    [JsonPropertyOrder(-1)]
    public int Generation { get; set; }
}

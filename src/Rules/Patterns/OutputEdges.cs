namespace Neuro.Rules.Patterns;

/// <summary>Which output rows the output rule's second entry (<c>2·pattern + 1</c>) updates.</summary>
public enum OutputEdges
{
    /// <summary>The row of the (wrong) prediction only.</summary>
    LabelAndPrediction,

    /// <summary>Every row except the label's.</summary>
    AllEdges,
}

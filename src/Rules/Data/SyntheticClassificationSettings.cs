namespace Neuro.Rules.Data;

/// <summary>
/// Parameters of <see cref="SyntheticClassification"/>, named and defaulted as scikit-learn's
/// <c>make_classification</c> (<c>n_samples=100, n_features=20, n_informative=2, …</c>); vary them with <c>with</c>.
/// </summary>
/// <remarks>
/// Class weights (<c>weights</c>) are not supported: classes are balanced, as with sklearn's default. A null
/// <see cref="Shift"/> or <see cref="Scale"/> means sklearn's <c>None</c>: a random value per feature.
/// <see cref="SyntheticClassification.Generate(SyntheticClassificationSettings, int)"/> validates the combination.
/// </remarks>
public sealed record SyntheticClassificationSettings
{
    /// <summary>
    /// The synthetic task of Joosten (2021): 5000 samples of 10 features, all informative, 4 classes of 2 clusters each;
    /// the rest at sklearn's defaults (flip 0.01, class separation 1, hypercube, no shift or scale, shuffled).
    /// </summary>
    public static SyntheticClassificationSettings Joosten { get; } = new()
    {
        Samples = 5000,
        Features = 10,
        Informative = 10,
        Redundant = 0,
        Repeated = 0,
        Classes = 4,
        ClustersPerClass = 2,
    };

    /// <summary>Number of rows, at least 1 (<c>n_samples</c>).</summary>
    public int Samples { get; init; } = 100;

    /// <summary>Total features: informative, redundant, repeated, then useless noise (<c>n_features</c>).</summary>
    public int Features { get; init; } = 20;

    /// <summary>Features that carry the clusters, at least 1 (<c>n_informative</c>); <c>2^Informative ≥ Classes·ClustersPerClass</c>.</summary>
    public int Informative { get; init; } = 2;

    /// <summary>Random linear combinations of the informative features (<c>n_redundant</c>).</summary>
    public int Redundant { get; init; } = 2;

    /// <summary>Copies of randomly chosen informative or redundant features (<c>n_repeated</c>).</summary>
    public int Repeated { get; init; }

    /// <summary>Number of classes, at least 1 (<c>n_classes</c>).</summary>
    public int Classes { get; init; } = 2;

    /// <summary>Gaussian clusters per class, at least 1 (<c>n_clusters_per_class</c>).</summary>
    public int ClustersPerClass { get; init; } = 2;

    /// <summary>Probability, in <c>[0, 1]</c>, that a label is replaced by a uniformly random class (<c>flip_y</c>).</summary>
    public double FlipY { get; init; } = 0.01;

    /// <summary>Half the side of the hypercube the centroids sit on, above 0 (<c>class_sep</c>).</summary>
    public double ClassSep { get; init; } = 1.0;

    /// <summary>Centroids on hypercube vertices when true; on a random polytope otherwise (<c>hypercube</c>).</summary>
    public bool Hypercube { get; init; } = true;

    /// <summary>Added to every feature; null draws one per feature from <c>U(−ClassSep, ClassSep)</c> (<c>shift</c>).</summary>
    public double? Shift { get; init; } = 0.0;

    /// <summary>Multiplies every feature after the shift, above 0; null draws one per feature from <c>1 + 100·U(0, 1)</c> (<c>scale</c>).</summary>
    public double? Scale { get; init; } = 1.0;

    /// <summary>Shuffle the rows, then permute the feature columns (<c>shuffle</c>).</summary>
    public bool Shuffle { get; init; } = true;
}

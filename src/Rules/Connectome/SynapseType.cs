namespace Neuro.Rules.Connectome;

/// <summary>The two kinds of synapse in the edge list's <c>Type</c> column.</summary>
public enum SynapseType
{
    /// <summary><c>chemical</c>: directed, presynaptic <c>Source</c> to postsynaptic <c>Target</c>.</summary>
    Chemical,

    /// <summary><c>electrical</c>: a gap junction, symmetric; the edge list lists most of them in both directions.</summary>
    Electrical,
}

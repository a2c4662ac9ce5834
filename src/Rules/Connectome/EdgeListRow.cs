namespace Neuro.Rules.Connectome;

/// <summary>One data row of <c>herm_full_edgelist.csv</c>, names trimmed but otherwise as written.</summary>
/// <param name="Source">Presynaptic cell (chemical) or one gap-junction partner.</param>
/// <param name="Target">Postsynaptic cell (chemical) or the other partner.</param>
/// <param name="Weight">Connection strength: EM sections with contact, 1 or more.</param>
/// <param name="Type">Chemical or electrical.</param>
/// <param name="Line">The row's 1-based line in the file (the header is line 1).</param>
public readonly record struct EdgeListRow(string Source, string Target, int Weight, SynapseType Type, int Line);

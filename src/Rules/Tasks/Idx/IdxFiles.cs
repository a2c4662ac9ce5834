namespace Neuro.Rules.Tasks.Idx;

/// <summary>An IDX images file and its labels file.</summary>
/// <param name="Images">The images (idx3) file, gzipped or not.</param>
/// <param name="Labels">The labels (idx1) file, gzipped or not.</param>
public sealed record IdxFiles(string Images, string Labels);

using Neuro.Rules.Json;

namespace Neuro.Rules.Linear;

/// <summary>
/// Writes the <c>rule.json</c> of an EMNN run (family <c>linear</c>): the evolved W and b, their MSE, the task, the
/// fixed-point form when there is one, and the provenance.
/// </summary>
/// <remarks>
/// <code>
/// { "format": "neuro-rule/2", "family": "linear", "w": 2, "b": 3, "mse": 0,
///   "task": { "slope": 2, "intercept": 3, "xMin": -2, "xMax": 2, "points": 17 },
///   "fixedPoint": { "precision": { "input": "…", "output": "…", "weight": "…" }, "wRaw": 512, "bRaw": 768 },
///   "provenance": { "seed": 1, "algorithm": "ga", … } }
/// </code>
/// </remarks>
public static class LinearModelFile
{
    /// <summary>The <c>family</c> value.</summary>
    public const string Family = "linear";

    /// <summary>The document as indented JSON, ending with a newline.</summary>
    public static string Serialize(LinearModelDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var t = document.Task;
        return StrictJson.Serialize(new FileModel(
            "neuro-rule/2", Family, document.Model.W, document.Model.B, document.Mse,
            new TaskModel(t.Slope, t.Intercept, t.XMin, t.XMax, t.Points), document.FixedPoint, document.Provenance));
    }

    /// <summary>Writes the document atomically.</summary>
    public static void Write(string path, LinearModelDocument document) => AtomicFile.WriteAllText(path, Serialize(document));

    private sealed record FileModel(string Format, string Family, double W, double B, double Mse, TaskModel Task, LinearFixedPoint? FixedPoint, LinearProvenance Provenance);

    private sealed record TaskModel(double Slope, double Intercept, double XMin, double XMax, int Points);
}

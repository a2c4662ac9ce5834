using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules;
using Neuro.Rules.Baxter;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Neuro.RtlExport.Baxter;
using Neuro.RtlExport.Emitters;
using Neuro.RtlExport.Emitters.Learner;
using Neuro.RtlExport.Verilog;

namespace Neuro.RtlExport;

/// <summary>
/// Writes the hardware artifacts of a rule (DESIGN.md §6; docs/hardware.md): rule-ROM images in four formats, the
/// Verilog modules, their self-checking testbenches, the golden vectors of the C# model, and <c>manifest.json</c>; for
/// the pattern family also the edge lists of the masks. One overload per family builds its files; every family's files
/// are written the same way. The same inputs give byte-identical files.
/// </summary>
public static class HardwareExporter
{
    /// <summary>Name of the manifest in an export folder.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>Exports into <paramref name="outDir"/> (created if needed); every file is written atomically.</summary>
    /// <param name="rule">An additive pattern rule.</param>
    /// <param name="precision">Its precision config (weight and rule-entry types set the RTL's widths and overflow).</param>
    /// <param name="spec">The network whose masks give the edge lists and whose lifetime gives the golden vectors.</param>
    /// <param name="data">Samples for the lifetime vectors (the first <see cref="HardwareExportSettings.Samples"/>, cycling).</param>
    /// <param name="settings">Name prefix and vector settings.</param>
    /// <param name="outDir">The export folder.</param>
    /// <exception cref="RtlExportException">The name is unsafe, the rule multiplicative, or a limit is exceeded.</exception>
    public static ExportResult Export(PatternRule rule, PrecisionConfig precision, PatternNetworkSpec spec, Dataset data, HardwareExportSettings settings, string outDir)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(outDir);
        if (settings.Samples < 1)
        {
            throw new RtlExportException($"The lifetime vectors need at least 1 sample, not {settings.Samples}");
        }

        if (data.Features != spec.Inputs || data.Classes != spec.Classes)
        {
            throw new ArgumentException($"The data has {data.Features} features and {data.Classes} classes; the network expects {spec.Inputs} and {spec.Classes}", nameof(data));
        }

        if (settings.TestSamples < 0)
        {
            throw new RtlExportException($"The learner's frozen test needs 0 or more samples, not {settings.TestSamples}");
        }

        var design = new HardwareDesign(settings.Name, rule, precision, spec, spec.BuildMasks(), settings.Lanes);
        var (files, result) = BuildAll(design, data, settings);
        WriteFiles(files, outDir);
        return result;
    }

    /// <summary>
    /// Exports a Baxter learner into <paramref name="outDir"/>: the rule <c>f</c> as a ROM (four formats), the rule LUT and
    /// the whole learner (nodes, weights, the clamp input) in Verilog, a self-checking testbench, the golden vectors of
    /// <see cref="BaxterMachine"/> over every trial of the learner's task, and <c>manifest.json</c>.
    /// </summary>
    /// <param name="document">The learner and its task (a baxter <c>rule.json</c>).</param>
    /// <param name="settings">The name prefix (the vector settings do not apply: the task fixes the vectors).</param>
    /// <param name="outDir">The export folder.</param>
    /// <exception cref="RtlExportException">The name is unsafe, or the learner has no learnable synapse.</exception>
    public static BaxterExportResult Export(BaxterRuleDocument document, HardwareExportSettings settings, string outDir)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(outDir);
        var (files, result) = BaxterExport.BuildAll(new BaxterHardwareDesign(settings.Name, document));
        WriteFiles(files, outDir);
        return result;
    }

    /// <summary>
    /// Exports a Hebbian rule's plasticity engine into <paramref name="outDir"/>: the compiled add and multiply ROMs of both
    /// layers (four formats each), the engine and its two layers in Verilog, a self-checking testbench, the golden vectors
    /// of <see cref="FixedPointSim.Hebbian.FixedHebbianNetwork"/> over <paramref name="stream"/>, and <c>manifest.json</c>.
    /// </summary>
    /// <param name="rule">The hebbian rule.</param>
    /// <param name="precision">Its precision config (weight, ROM word and level widths; overflow modes; stochastic bits).</param>
    /// <param name="spec">The network: sizes and initial weights.</param>
    /// <param name="stream">The samples the model learns from reset, in order, labelled with output units (e.g. <see cref="Rules.Continual.ContinualProtocol.Prefix"/>).</param>
    /// <param name="settings">The name prefix (the other settings do not apply: <paramref name="stream"/> fixes the vectors).</param>
    /// <param name="outDir">The export folder.</param>
    /// <exception cref="RtlExportException">The name is unsafe, the compiled ROMs cannot learn (<see cref="Hebbian.HebbianRomCheck"/>), or the precision does not suit the RTL.</exception>
    /// <exception cref="ArgumentException">The stream does not match the network, or the spec or rule is invalid.</exception>
    public static Hebbian.HebbianExportResult Export(Rules.Hebbian.HebbianRule rule, FixedPointSim.Hebbian.HebbianPrecision precision, Rules.Hebbian.HebbianNetworkSpec spec, Dataset stream, HardwareExportSettings settings, string outDir)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(outDir);
        if (stream.Count < 1)
        {
            throw new RtlExportException("The golden vectors need at least 1 sample");
        }

        if (stream.Features != spec.Inputs || stream.Classes > spec.Classes)
        {
            throw new ArgumentException($"The stream has {stream.Features} features and {stream.Classes} classes; the network expects {spec.Inputs} features and at most {spec.Classes} classes", nameof(stream));
        }

        Hebbian.HebbianRomCheck.Ensure(rule, precision);
        var (files, result) = Hebbian.HebbianExport.BuildAll(new Hebbian.HebbianHardwareDesign(settings.Name, rule, precision, spec), stream);
        WriteFiles(files, outDir);
        return result;
    }

    /// <summary>Writes every file under <paramref name="outDir"/> (created if needed), each atomically.</summary>
    private static void WriteFiles(IEnumerable<(string Path, string Kind, byte[] Bytes)> files, string outDir)
    {
        Directory.CreateDirectory(outDir);
        foreach (var (path, _, bytes) in files)
        {
            string full = Path.Combine(outDir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            AtomicFile.WriteAllBytes(full, bytes);
        }
    }

    /// <summary>Every file of the export in memory, sorted by path, <c>manifest.json</c> last; and the result.</summary>
    internal static (List<(string Path, string Kind, byte[] Bytes)> Files, ExportResult Result) BuildAll(HardwareDesign design, Dataset data, HardwareExportSettings settings)
    {
        var files = Build(design, data, settings, out var vectors, out var learner).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var result = new ExportResult(
            design.RuleHash,
            design.Engine,
            [design.PlasticityUnitTestbench, design.EngineTestbench, design.RequantizeTestbench, design.LearnerTestbench],
            [.. files.Select(f => new ExportedFile(f.Path, f.Kind, HardwareDesign.Sha256(f.Bytes)))],
            design.HiddenEdges,
            design.InputEdges,
            design.OutputWords,
            vectors.Samples,
            vectors.ExpectedUpdates,
            design.Learner,
            design.Timing);
        files.Add((ManifestName, "manifest", Encoding.UTF8.GetBytes(Manifest(design, settings, vectors, learner, result))));
        return (files, result);
    }

    internal static List<(string Path, string Kind, byte[] Bytes)> Build(HardwareDesign d, Dataset data, HardwareExportSettings settings, out GoldenVectors vectors, out LearnerVectors learner)
    {
        var files = new List<(string, string, byte[])>();
        foreach (var rom in d.Roms)
        {
            files.Add((d.RomPath(rom.Name, "mem"), "rom", rom.ToMem()));
            files.Add((d.RomPath(rom.Name, "coe"), "coe", rom.ToCoe()));
            files.Add((d.RomPath(rom.Name, "mif"), "mif", rom.ToMif()));
            files.Add((d.RomPath(rom.Name, "bin"), "bin", rom.ToBin()));
        }

        int iw = d.IndexWidth;
        files.Add((d.EdgesPath("hidden"), "edges", GoldenVectors.File(
            Enumerable.Range(0, d.HiddenEdges).Select(e => new BitWord().Add(d.HiddenEdgePre[e], iw).Add(d.HiddenEdgePost[e], iw).Hex()))));
        if (d.HasInput)
        {
            files.Add((d.EdgesPath("input"), "edges", GoldenVectors.File(
                Enumerable.Range(0, d.InputEdges).Select(e => new BitWord().Add(d.InputEdgePost[e], iw).Hex()))));
        }

        if (d.PerNeuronStreams)
        {
            files.Add((d.NeuronSeedsPath, "rom", GoldenVectors.File(
                Enumerable.Range(0, d.SeedNeurons).Select(i => VerilogTypes.Hex(XorShift32.NeuronSeed(d.Spec.Seed, i), 32)))));
        }

        vectors = GoldenVectors.Build(d, data, settings.Samples, settings.VectorSeed);
        files.Add(Verilog(d, "rtl", RomModuleEmitter.Build(d)));
        files.Add(Verilog(d, "rtl", PlasticityUnitEmitter.Build(d)));
        files.Add(Verilog(d, "rtl", LearningEngineEmitter.Build(d)));
        files.Add(Verilog(d, "tb", TestbenchEmitter.PlasticityUnit(d, vectors)));
        files.Add(Verilog(d, "tb", TestbenchEmitter.Engine(d, vectors)));
        files.Add((HardwareDesign.VectorPath(d.PlasticityUnit, "stimulus"), "vectors", GoldenVectors.File(vectors.UnitCommands)));
        files.Add((HardwareDesign.VectorPath(d.PlasticityUnit, "expected"), "vectors", GoldenVectors.File(vectors.UnitExpected)));
        files.Add((HardwareDesign.VectorPath(d.Engine, "stimulus"), "vectors", GoldenVectors.File(vectors.EngineCommands)));
        files.Add((HardwareDesign.VectorPath(d.Engine, "expected_hidden"), "vectors", GoldenVectors.File(vectors.ExpectedHidden)));
        files.Add((HardwareDesign.VectorPath(d.Engine, "expected_clocks"), "vectors", GoldenVectors.File(vectors.ExpectedStepClocks)));
        if (d.HasInput)
        {
            files.Add((HardwareDesign.VectorPath(d.Engine, "expected_input"), "vectors", GoldenVectors.File(vectors.ExpectedInput)));
        }

        if (d.HasOutput)
        {
            files.Add((HardwareDesign.VectorPath(d.Engine, "expected_output"), "vectors", GoldenVectors.File(vectors.ExpectedOutput)));
        }

        learner = LearnerVectors.Build(d, data, settings.Samples, settings.TestSamples, settings.VectorSeed);
        AddLearner(files, d, learner, settings);
        return files;
    }

    private static void AddLearner(List<(string, string, byte[])> files, HardwareDesign d, LearnerVectors v, HardwareExportSettings settings)
    {
        var core = LearnerCoreEmitter.Build(d);
        var top = LearnerTopEmitter.Build(d, core);
        files.Add(Verilog(d, "rtl", RequantizeEmitter.Build(d)));
        files.Add(Verilog(d, "rtl", core));
        files.Add(Verilog(d, "rtl", top));
        files.AddRange(ExportPackage.Build(d, top, v));
        files.Add(Verilog(d, "tb", RequantizeTestbenchEmitter.Build(d, v)));
        files.Add(Verilog(d, "tb", LearnerTestbenchEmitter.Build(d, v, settings.VectorSeed)));
        files.Add(($"sw/{d.Name}_regs.h", "header", CHeaderWriter.Write(d)));
        files.Add((d.LearnerRomPath("recurrent_mask"), "rom", GoldenVectors.File(v.RecurrentMask)));
        files.Add(d.HasInput
            ? (d.LearnerRomPath("input_mask"), "rom", GoldenVectors.File(v.InputMask))
            : (d.LearnerRomPath("input_weights"), "rom", GoldenVectors.File(v.InputWeights)));
        if (!d.HasOutput)
        {
            files.Add((d.LearnerRomPath("output_weights"), "rom", GoldenVectors.File(v.OutputWeights)));
        }

        if (d.PerNeuronStreams)
        {
            files.Add((d.LearnerRomPath("seeds"), "rom", GoldenVectors.File(v.Seeds)));
        }

        files.Add((HardwareDesign.VectorPath(d.Requantize, "vectors"), "vectors", GoldenVectors.File(v.Narrowing)));
        files.Add((HardwareDesign.VectorPath(d.Learner, "beats"), "vectors", GoldenVectors.File(v.Beats)));
        files.Add((HardwareDesign.VectorPath(d.Learner, "results"), "vectors", GoldenVectors.File(v.Results)));
        files.Add((HardwareDesign.VectorPath(d.Learner, "latencies"), "vectors", GoldenVectors.File(v.Latencies)));
        foreach (var (code, name) in d.ReadBackLayers)
        {
            files.Add((HardwareDesign.VectorPath(d.Learner, "expected_" + name), "vectors", GoldenVectors.File(v.Weights[code])));
        }
    }

    private static (string, string, byte[]) Verilog(HardwareDesign d, string folder, VerilogModule module) =>
        ($"{folder}/{module.Name}.v", folder == "rtl" ? "rtl" : "testbench", Encoding.ASCII.GetBytes(VerilogWriter.Write(module, d.RuleHash)));

    private static string Manifest(HardwareDesign d, HardwareExportSettings settings, GoldenVectors vectors, LearnerVectors learner, ExportResult result)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteString("format", "neuro-hardware-export/1");
            w.WriteString("ruleHash", d.RuleHash);
            w.WriteString("ruleHashOf", "canonical rule JSON (PatternRuleFile.Canonical: the first rule-file format for classic layouts), UTF-8");
            w.WriteString("family", PatternRuleFile.Family);
            w.WriteString("name", d.Name);
            w.WriteNumber("rounds", d.Rule.Rounds);
            w.WriteNumber("patterns", d.Histories);
            w.WriteStartObject("update");
            w.WriteString("mode", "additive");
            w.WriteString("arithmetic", "w <- overflow(w + rom[addr]); both in weight LSBs, so no rounding acts");
            w.WriteBoolean("misclassifiedOnly", d.Rule.MisclassifiedOnly);
            w.WriteString("outputEdges", d.AllEdges ? "allEdges" : "labelAndPrediction");
            if (d.Rule.AveragesOutput)
            {
                w.WriteNumber("outputAverageShift", d.Rule.OutputAverageShift);
            }

            w.WriteEndObject();
            w.WriteStartObject("precision");
            Type(w, "input", d.Precision.Input);
            Type(w, "weight", d.Precision.Weight);
            Type(w, "activation", d.Precision.Activation);
            Type(w, "ruleEntry", d.Precision.RuleEntry);
            foreach (var (field, type) in d.Precision.GroupWeightFields)
            {
                Type(w, field, type);
            }

            w.WriteEndObject();
            w.WriteStartObject("network");
            w.WriteNumber("inputs", d.Spec.Inputs);
            w.WriteNumber("classes", d.Spec.Classes);
            w.WriteNumber("hidden", d.Spec.Hidden);
            w.WriteNumber("cap", d.Spec.Cap);
            w.WriteNumber("p", d.Spec.EdgeProbability);
            w.WriteNumber("seed", d.Spec.Seed);
            w.WriteNumber("hiddenEdges", d.HiddenEdges);
            w.WriteNumber("inputEdges", d.InputEdges);
            w.WriteNumber("outputWords", d.OutputWords);
            w.WriteEndObject();
            WriteTables(w, d);
            w.WriteStartObject("modules");
            w.WriteString("rom", d.RomModule);
            w.WriteString("plasticityUnit", d.PlasticityUnit);
            w.WriteString("engine", d.Engine);
            w.WriteString("requantize", d.Requantize);
            w.WriteString("learnerCore", d.LearnerCore);
            w.WriteString("learner", d.Learner);
            w.WriteString("top", d.Learner);
            w.WriteEndObject();
            w.WriteStartArray("rtl");
            foreach (string module in new[] { d.RomModule, d.PlasticityUnit, d.Engine, d.Requantize, d.LearnerCore, d.Learner })
            {
                w.WriteStringValue($"rtl/{module}.v");
            }

            w.WriteEndArray();
            w.WriteStartArray("testbenches");
            foreach (string tb in result.Testbenches)
            {
                w.WriteStartObject();
                w.WriteString("module", tb);
                w.WriteString("file", $"tb/{tb}.v");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("vectors");
            w.WriteNumber("samples", vectors.Samples);
            w.WriteNumber("updatingSamples", vectors.UpdatingSamples);
            w.WriteNumber("expectedUpdates", vectors.ExpectedUpdates);
            w.WriteNumber("unitUpdates", vectors.UnitUpdates);
            w.WriteNumber("seed", settings.VectorSeed);
            w.WriteEndObject();
            WriteLearner(w, d, learner);
            ExportedFile.WriteArray(w, result.Files);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteLearner(Utf8JsonWriter w, HardwareDesign d, LearnerVectors v)
    {
        var t = d.Timing;
        w.WriteStartObject("learner");
        w.WriteNumber("lanes", d.Lanes);
        w.WriteNumber("rows", d.Rows);
        w.WriteNumber("accumulatorWidth", d.AccumulatorWidth);
        w.WriteNumber("beatWidth", d.BeatWidth);
        w.WriteNumber("resultWidth", d.ResultWidth);
        w.WriteStartObject("cycles");
        w.WriteString("formula", d.AveragesOutput
            ? "latency = forward + (updated ? update(rows) : 0) + (learned ? average : 0) + overhead; every walk costs its steps + drain"
            : "latency = forward + (updated ? update(rows) : 0) + overhead; every walk costs its steps + drain");
        w.WriteNumber("drain", LearnerTiming.Drain);
        w.WriteNumber("overhead", LearnerTiming.Overhead);
        w.WriteNumber("projection", t.Projection);
        w.WriteNumber("cap", t.Cap);
        w.WriteNumber("round", t.Round);
        w.WriteNumber("logits", t.Logits);
        w.WriteNumber("forward", t.Forward);
        w.WriteNumber("updateLabelAndPrediction", t.Update(2));
        w.WriteNumber("updateAllRows", t.Update(d.Spec.Classes));
        w.WriteNumber("clear", t.Clear);
        if (d.AveragesOutput)
        {
            w.WriteNumber("average", t.Average);
        }

        w.WriteEndObject();
        if (d.AveragesOutput)
        {
            w.WriteStartObject("outputAverage");
            w.WriteNumber("shift", d.AverageShift);
            w.WriteNumber("averageWidth", d.AverageWidth);
            w.WriteString("step", "after every sample learned from: A <- A + ((w*2^(shift+1) - A) >>> shift); clear: A = 0");
            w.WriteString("readout", "(A + 2^shift) >>> (shift+1), read by the logits of samples with LEARN off and by weight layer 3");
            w.WriteEndObject();
        }
        w.WriteStartObject("vectors");
        w.WriteNumber("samples", v.Samples);
        w.WriteNumber("testSamples", v.TestSamples);
        w.WriteNumber("updatingSamples", v.UpdatingSamples);
        w.WriteNumber("expectedUpdates", v.ExpectedUpdates);
        w.WriteNumber("narrowingVectors", v.Narrowing.Count);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTables(Utf8JsonWriter w, HardwareDesign d)
    {
        w.WriteStartArray("tables");
        foreach (var table in d.Tables)
        {
            var rom = table.Image;
            w.WriteStartObject();
            w.WriteString("name", rom.Name);
            w.WriteNumber("depth", rom.Depth);
            w.WriteNumber("wordWidth", rom.WordWidth);
            w.WriteNumber("addressWidth", rom.AddressWidth);
            w.WriteString("address", !d.IsClassic
                ? $"{{{string.Join(", ", table.Fields.Select(f => $"{f.Label}:{f.Bits}"))}}} (the layout's fields, most significant first)"
                : rom.Name switch
                {
                    "hidden" => "{pre_pattern, post_pattern} = pre*P + post",
                    "input" => "post_pattern",
                    _ => "{pattern, row_kind} = 2*pattern + row_kind",
                });
            w.WriteStartArray("addressBits");
            for (int i = 0; i < rom.AddressWidth; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("bit", rom.AddressWidth - 1 - i);
                w.WriteString("meaning", rom.AddressBits[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("files");
            foreach (string ext in new[] { "mem", "coe", "mif", "bin" })
            {
                w.WriteString(ext, d.RomPath(rom.Name, ext));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static void Type(Utf8JsonWriter w, string name, FixedType type)
    {
        w.WriteStartObject(name);
        w.WriteString("type", type.ToString());
        w.WriteString("format", type.Format.ToString());
        w.WriteNumber("width", type.Format.Width);
        w.WriteNumber("fracBits", type.Format.FracBits);
        w.WriteString("rounding", type.Rounding.ToString());
        w.WriteString("overflow", type.Overflow.ToString());
        w.WriteEndObject();
    }
}

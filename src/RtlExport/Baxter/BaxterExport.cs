using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Neuro.Rules.Baxter;
using Neuro.RtlExport.Verilog;

namespace Neuro.RtlExport.Baxter;

/// <summary>
/// The files of a Baxter learner's export, in memory: the rule ROM <c>f</c> in the four image formats, the rule LUT and
/// the learner (<c>rtl/</c>), the self-checking testbench (<c>tb/</c>), the golden vectors (<c>vectors/</c>) and
/// <c>manifest.json</c>. <see cref="HardwareExporter"/> writes them.
/// </summary>
internal static class BaxterExport
{
    /// <summary>Every file sorted by path, <c>manifest.json</c> last; and the result.</summary>
    public static (List<(string Path, string Kind, byte[] Bytes)> Files, BaxterExportResult Result) BuildAll(BaxterHardwareDesign d)
    {
        var vectors = BaxterVectors.Build(d);
        var files = new List<(string Path, string Kind, byte[] Bytes)>
        {
            (d.RomPath("mem"), "rom", d.Rom.ToMem()),
            (d.RomPath("coe"), "coe", d.Rom.ToCoe()),
            (d.RomPath("mif"), "mif", d.Rom.ToMif()),
            (d.RomPath("bin"), "bin", d.Rom.ToBin()),
            Verilog(d, "rtl", BaxterRuleLutEmitter.Build(d)),
            Verilog(d, "rtl", BaxterLearnerEmitter.Build(d)),
            Verilog(d, "tb", BaxterTestbenchEmitter.Build(d, vectors)),
            (HardwareDesign.VectorPath(d.Learner, "stimulus"), "vectors", GoldenVectors.File(vectors.Stimulus)),
            (HardwareDesign.VectorPath(d.Learner, "expected"), "vectors", GoldenVectors.File(vectors.Expected)),
        };
        files.Sort((a, b) => StringComparer.Ordinal.Compare(a.Path, b.Path));
        var result = new BaxterExportResult(
            d.RuleHash, d.Learner, [d.Testbench], [.. files.Select(f => new ExportedFile(f.Path, f.Kind, HardwareDesign.Sha256(f.Bytes)))], vectors.Cycles, vectors.Writes);
        files.Add((HardwareExporter.ManifestName, "manifest", Encoding.UTF8.GetBytes(Manifest(d, vectors, result))));
        return (files, result);
    }

    private static (string, string, byte[]) Verilog(BaxterHardwareDesign d, string folder, VerilogModule module) =>
        ($"{folder}/{module.Name}.v", folder == "rtl" ? "rtl" : "testbench", Encoding.ASCII.GetBytes(VerilogWriter.Write(module, d.RuleHash)));

    private static string Manifest(BaxterHardwareDesign d, BaxterVectors vectors, BaxterExportResult result)
    {
        var network = d.Network;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", "neuro-hardware-export/1");
            w.WriteString("ruleHash", d.RuleHash);
            w.WriteString("ruleHashOf", "canonical rule JSON (BaxterRuleFile.Serialize without provenance), UTF-8");
            w.WriteString("family", BaxterRuleFile.Family);
            w.WriteString("name", d.Name);
            w.WriteString("values", "one bit per +-1 activity or weight: 1 is +1, 0 is -1");
            w.WriteStartObject("network");
            w.WriteNumber("nodes", network.Nodes);
            w.WriteNumber("inputs", network.Inputs);
            w.WriteNumber("output", network.Output);
            w.WriteNumber("hidden", network.Hidden);
            w.WriteNumber("synapses", network.Synapses.Length);
            w.WriteStartArray("learnable");
            for (int k = 0; k < network.Learnable.Length; k++)
            {
                var s = network.Learnable[k];
                w.WriteStartObject();
                w.WriteNumber("bit", k);
                w.WriteNumber("pre", s.Pre);
                w.WriteNumber("post", s.Post);
                w.WriteNumber("reset", s.Weight);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("protocol");
            w.WriteString("task", d.Task.Name);
            w.WriteNumber("functions", d.Task.Functions.Length);
            w.WriteNumber("epochs", d.Task.Epochs);
            w.WriteNumber("steps", d.Task.Steps);
            w.WriteEndObject();
            w.WriteStartArray("tables");
            w.WriteStartObject();
            w.WriteString("name", BaxterRuleFile.TableName);
            w.WriteString("mode", "write");
            w.WriteNumber("rule", d.Document.Learner.Rule.Index);
            w.WriteString("ruleName", d.Document.Learner.Rule.Name);
            w.WriteNumber("depth", d.Rom.Depth);
            w.WriteNumber("wordWidth", d.Rom.WordWidth);
            w.WriteNumber("addressWidth", d.Rom.AddressWidth);
            w.WriteString("address", BaxterHardwareDesign.RomAddress);
            w.WriteString("fields", BaxterRule.Layout.FieldList);
            w.WriteStartArray("addressBits");
            for (int i = 0; i < d.Rom.AddressWidth; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("bit", d.Rom.AddressWidth - 1 - i);
                w.WriteString("meaning", d.Rom.AddressBits[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("files");
            foreach (string ext in new[] { "mem", "coe", "mif", "bin" })
            {
                w.WriteString(ext, d.RomPath(ext));
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("modules");
            w.WriteString("ruleLut", d.LutModule);
            w.WriteString("learner", d.Learner);
            w.WriteString("top", d.Learner);
            w.WriteEndObject();
            w.WriteStartArray("rtl");
            w.WriteStringValue($"rtl/{d.LutModule}.v");
            w.WriteStringValue($"rtl/{d.Learner}.v");
            w.WriteEndArray();
            w.WriteStartArray("testbenches");
            w.WriteStartObject();
            w.WriteString("module", d.Testbench);
            w.WriteString("file", $"tb/{d.Testbench}.v");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("vectors");
            w.WriteNumber("cycles", vectors.Cycles);
            w.WriteNumber("writes", vectors.Writes);
            w.WriteString("stimulus", "{function, case, report, rst, clear, step, clamp, target, x}");
            w.WriteString("expected", "{activities, weights} after the clock");
            w.WriteEndObject();
            ExportedFile.WriteArray(w, result.Files);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Neuro.Cli;

/// <summary>
/// A folder of good and broken inputs for <see cref="BadInputTests"/>: a rule, a precision config and a small CSV task;
/// broken CSV, IDX, precision and rule files; a finished evolution run and an export folder with broken copies; a file
/// and a foreign folder to aim <c>--out</c> at. Built once per test class.
/// </summary>
public sealed class BadInputWorkspace : IDisposable
{
    public BadInputWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("neuro-bad-input-").FullName;
        File.Copy(Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json"), At("rule.json"));
        File.WriteAllText(At("precision.json"), Neuro.FixedPointSim.Patterns.PrecisionConfig.Default.ToJson());
        File.WriteAllText(At("afile"), "not a folder\n");
        Directory.CreateDirectory(At("foreign"));
        File.WriteAllText(At("foreign", "thesis.tex"), "years of work\n");

        WriteCsvs();
        WritePrecisions();
        WriteRules();
        WriteIdx();
        MakeRuns();
        WriteBrokenRules();
        MakeExports();
    }

    /// <summary>The workspace folder.</summary>
    public string Root { get; }

    /// <summary>A path inside the workspace.</summary>
    public string At(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Every file under the workspace (hidden ones included) with its SHA-256, and every folder.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string dir in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
        {
            entries[Path.GetRelativePath(Root, dir) + "/"] = "folder";
        }

        foreach (string file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            entries[Path.GetRelativePath(Root, file)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return entries;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private void WriteCsvs()
    {
        Directory.CreateDirectory(At("csv"));
        var good = new StringBuilder("x1,x2,x3,label\n");
        for (int i = 0; i < 60; i++)
        {
            good.Append(FormattableString.Invariant($"{i % 7 * 0.5},{i % 5 - 2},{i % 3},{i % 2}\n"));
        }

        File.WriteAllText(At("csv", "train.csv"), good.ToString());
        File.WriteAllText(At("csv", "test.csv"), good.ToString());
        File.WriteAllText(At("csv", "empty.csv"), "");
        File.WriteAllText(At("csv", "header-only.csv"), "a,b,label\n");
        File.WriteAllText(At("csv", "mixed-first-line.csv"), "1.5,abc,0\n1,2,1\n");
        File.WriteAllText(At("csv", "label-negative.csv"), "1,2,0\n1,2,-1\n");
        File.WriteAllText(At("csv", "label-fraction.csv"), "1,2,0\n1,2,3.5\n");
        File.WriteAllText(At("csv", "label-huge.csv"), "1,2,0\n3,4,1e9\n");
        File.WriteAllText(At("csv", "feature-nan.csv"), "1,2,0\nNaN,2,1\n");
        File.WriteAllText(At("csv", "feature-text.csv"), "1,2,0\nabc,2,1\n");
        File.WriteAllText(At("csv", "feature-overflow.csv"), "1,2,0\n1e999,2,1\n");
        File.WriteAllText(At("csv", "ragged.csv"), "1,2,0\n1,2,3,1\n");
        File.WriteAllText(At("csv", "one-field.csv"), "1\n2\n");
        File.WriteAllBytes(At("csv", "bad-utf8.csv"), [.. "1,2,0\n"u8, 0xC3, 0x28, .. ",2,1\n"u8]);
        File.WriteAllText(At("csv", "two-features.csv"), "1,2,0\n3,4,1\n");
        File.WriteAllText(At("csv", "label-5.csv"), "1,2,3,0\n1,2,3,5\n");
    }

    private void WritePrecisions()
    {
        Directory.CreateDirectory(At("precision"));
        const string types = "\"input\": \"sQ4.12\", \"weight\": \"sQ4.12\", \"activation\": \"sQ12.20\"";
        File.WriteAllText(At("precision", "unknown-member.json"), $"{{ {types}, \"ruleEntry\": \"ap_fixed<8,-4>\", \"bias\": \"sQ4.12\" }}");
        File.WriteAllText(At("precision", "duplicate.json"), $"{{ {types}, \"ruleEntry\": \"ap_fixed<8,-4>\", \"weight\": \"sQ4.12\" }}");
        File.WriteAllText(At("precision", "missing.json"), $"{{ {types} }}");
        File.WriteAllText(At("precision", "number.json"), $"{{ {types}, \"ruleEntry\": 8 }}");
        File.WriteAllText(At("precision", "null.json"), $"{{ {types}, \"ruleEntry\": null }}");
        File.WriteAllText(At("precision", "truncated.json"), $"{{ {types}, \"ruleEntry\": ");
        File.WriteAllText(At("precision", "array.json"), "[1, 2]");
        File.WriteAllText(At("precision", "empty.json"), "");
        File.WriteAllText(At("precision", "bad-type.json"), $"{{ {types}, \"ruleEntry\": \"ap_fixed<8>\" }}");
        File.WriteAllText(At("precision", "inconsistent.json"), $"{{ {types}, \"ruleEntry\": \"sQ4.4\" }}");
        File.WriteAllText(At("precision", "deep.json"), "{ \"input\": " + new string('[', 100) + new string(']', 100) + " }");
        byte[] invalid = Encoding.UTF8.GetBytes($"{{ {types}, \"ruleEntry\": \"ap_fixed<8,-4>X\" }}");
        invalid[Array.IndexOf(invalid, (byte)'X')] = 0xFF;
        File.WriteAllBytes(At("precision", "bad-utf8.json"), invalid);
        File.WriteAllText(At("precision", "narrow-activation.json"), "{ \"input\": \"sQ4.12\", \"weight\": \"sQ4.12\", \"activation\": \"ap_fixed<8,2,AP_RND_CONV,AP_SAT_SYM>\", \"ruleEntry\": \"ap_fixed<8,-4>\" }");
        File.WriteAllText(At("precision", "grouped.json"), $"{{ {types}, \"ruleEntry\": \"ap_fixed<8,-4>\", \"recurrentWeight\": \"ap_fixed<16,0>\" }}");
        File.WriteAllText(At("precision", "grouped-width.json"), $"{{ {types}, \"ruleEntry\": \"ap_fixed<8,-4>\", \"outputWeight\": \"ap_fixed<12,0>\" }}");
        File.WriteAllText(At("precision", "grouped-narrow.json"), $"{{ {types}, \"ruleEntry\": \"ap_fixed<8,-4>\", \"outputWeight\": \"ap_fixed<6,-6>\" }}");
        File.WriteAllText(At("precision", "coarse.json"), "{ \"input\": \"sQ4.12\", \"weight\": \"ap_fixed<8,4,AP_RND_CONV,AP_SAT>\", \"activation\": \"sQ12.20\", \"ruleEntry\": \"ap_fixed<4,0,AP_RND_CONV,AP_SAT>\" }");
    }

    private void WriteRules()
    {
        Directory.CreateDirectory(At("rules"));
        var rule = JsonNode.Parse(File.ReadAllText(At("rule.json")))!.AsObject();
        void Variant(string name, Action<JsonObject> edit)
        {
            var copy = rule.DeepClone().AsObject();
            edit(copy);
            File.WriteAllText(At("rules", name), copy.ToJsonString());
        }

        Variant("overflowing-step.json", r =>
        {
            // Every step 1e300 · 1e-300 = 1 but one: 1e300 · 1e10 is beyond any double.
            r["eta"] = 1e300;
            foreach (string table in new[] { "hidden", "input", "output" })
            {
                if (r[table] is JsonArray entries)
                {
                    for (int i = 0; i < entries.Count; i++)
                    {
                        entries[i] = 1e-300;
                    }
                }
            }

            r["hidden"]![17] = 1e10;
        });
        Variant("huge-step.json", r => r["hidden"]![3] = 1e30);
        Variant("multiplicative.json", r => r["update"]!["mode"] = "multiplicative");
        Variant("tiny-eta.json", r => r["eta"] = 1e-9);
        Variant("two-rounds.json", r =>
        {
            r["rounds"] = 2;
            r["hidden"] = Table(64);
            r["input"] = Table(8);
            r["output"] = Table(16);
        });
    }

    /// <summary>Broken rule files in both formats (the first format, and neuro-rule/2 from a run with a margin field).</summary>
    private void WriteBrokenRules()
    {
        string text = File.ReadAllText(At("rule.json"));
        File.WriteAllText(At("rules", "nan.json"), ReplaceFirst(text, "\"hidden\": [", "\"hidden\": [NaN, ") );
        File.WriteAllText(At("rules", "duplicate.json"), ReplaceFirst(text, "\"eta\":", "\"eta\": 0.01, \"eta\":"));
        File.WriteAllText(At("rules", "unknown.json"), ReplaceFirst(text, "\"eta\":", "\"colour\": 1, \"eta\":"));
        File.WriteAllText(At("rules", "eta-overflow.json"), ReplaceFirst(text, "\"eta\": 0.01", "\"eta\": 1e999"));
        File.WriteAllText(At("rules", "truncated.json"), "{ \"family\": \"pattern\", \"rounds\": 3, \"eta\": ");
        File.WriteAllText(At("rules", "deep.json"), "{ \"family\": \"pattern\", \"provenance\": { \"x\": " + new string('[', 100) + new string(']', 100) + " } }");
        byte[] bytes = Encoding.UTF8.GetBytes(ReplaceFirst(text, "\"algorithm\": \"es\"", "\"algorithm\": \"eX\""));
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        File.WriteAllBytes(At("rules", "bad-utf8.json"), bytes);
        var shortTable = JsonNode.Parse(text)!.AsObject();
        shortTable["hidden"] = Table(10);
        File.WriteAllText(At("rules", "short-table.json"), shortTable.ToJsonString());

        var v2 = JsonNode.Parse(File.ReadAllText(At("run-v2", "rule.json")))!.AsObject();
        void V2(string name, Action<JsonObject> edit)
        {
            var copy = v2.DeepClone().AsObject();
            edit(copy);
            File.WriteAllText(At("rules", name), copy.ToJsonString());
        }

        V2("v2-format-9.json", r => r["format"] = "neuro-rule/9");
        V2("v2-unknown-signal.json", r => r["tables"]![2]!["fields"]![2]!["signal"] = "mood");
        V2("v2-mode.json", r => r["tables"]![0]!["mode"] = "divide");
        V2("v2-entries.json", r => r["tables"]![1]!["entries"] = Table(3));
        V2("v2-bits.json", r => r["tables"]![0]!["fields"]![0]!["bits"] = 40);
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        int at = text.IndexOf(what, StringComparison.Ordinal);
        Assert.True(at >= 0, what);
        return text[..at] + with + text[(at + what.Length)..];
    }

    private static JsonArray Table(int entries) => new([.. Enumerable.Range(0, entries).Select(_ => (JsonNode?)JsonValue.Create(0.1))]);

    private void WriteIdx()
    {
        Directory.CreateDirectory(At("idx"));
        File.WriteAllBytes(At("idx", "bad-magic"), [0, 0, 9, 9, 0, 0, 0, 1]);
        File.WriteAllBytes(At("idx", "labels"), [0, 0, 8, 1, 0, 0, 0, 2, 0, 1]);
        File.WriteAllBytes(At("idx", "images-truncated"), [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3]);
        File.WriteAllBytes(At("idx", "labels-huge"), [0, 0, 8, 1, 0x7F, 0xFF, 0xFF, 0xFF, 1]);
    }

    /// <summary>A finished one-generation run in <c>run/</c> and copies with broken checkpoints.</summary>
    private void MakeRuns()
    {
        var r = NeuroRunner.Run(
            "evolve", "--task", "synthetic", "--generations", "1", "--population", "4", "--hidden", "6", "--cap", "3", "--batches", "1",
            "--batch-size", "20", "--limit", "100", "--out", At("run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var v2 = NeuroRunner.Run(
            "evolve", "--task", "synthetic", "--generations", "1", "--population", "4", "--hidden", "6", "--cap", "3", "--batches", "1",
            "--batch-size", "20", "--limit", "100", "--output-fields", "preHistory:4,role:1,margin:2", "--out", At("run-v2"));
        Assert.True(v2.ExitCode == 0, v2.Stderr);
        string checkpoint = File.ReadAllText(At("run", "checkpoint.json"));
        void Variant(string name, Func<string, string> edit)
        {
            CopyFolder(At("run"), At(name));
            File.WriteAllText(At(name, "checkpoint.json"), edit(checkpoint));
        }

        Variant("run-unknown-member", c => c.Replace("\"version\": 1,", "\"version\": 1, \"extra\": 2,", StringComparison.Ordinal));
        Variant("run-duplicate", c => c.Replace("\"version\": 1,", "\"version\": 1, \"version\": 1,", StringComparison.Ordinal));
        Variant("run-version", c => c.Replace("\"version\": 1,", "\"version\": 7,", StringComparison.Ordinal));
        Variant("run-truncated", c => c[..(c.Length / 2)]);
        Variant("run-nan", c => c.Replace("\"bestGenes\": [", "\"bestGenes\": [NaN, ", StringComparison.Ordinal));
        Variant("run-missing-genes", c =>
        {
            var node = JsonNode.Parse(c)!.AsObject();
            node.Remove("bestGenes");
            return node.ToJsonString();
        });
        Variant("run-bad-config", c =>
        {
            var node = JsonNode.Parse(c)!.AsObject();
            node["config"] = node["config"]!.GetValue<string>().Replace("\"algorithm\":", "\"colour\":\"blue\",\"algorithm\":", StringComparison.Ordinal);
            return node.ToJsonString();
        });
        Variant("run-bad-state", c =>
        {
            var node = JsonNode.Parse(c)!.AsObject();
            node["optimizerState"] = "{\"name\":\"es\",\"version\":1,\"dimension\":3,\"dimension\":3}";
            return node.ToJsonString();
        });
    }

    /// <summary>An export in <c>hw/</c> and copies with broken manifests or files.</summary>
    private void MakeExports()
    {
        var r = NeuroRunner.Run("export", "--rule", At("rule.json"), "--hidden", "6", "--cap", "3", "--samples", "4", "--out", At("hw"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        void Variant(string name, Action<JsonObject>? edit, Action<string>? touch = null)
        {
            CopyFolder(At("hw"), At(name));
            if (edit is not null)
            {
                string path = At(name, "manifest.json");
                var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                edit(manifest);
                File.WriteAllText(path, manifest.ToJsonString());
            }

            touch?.Invoke(At(name));
        }

        Variant("hw-no-modules", m => m.Remove("modules"));
        Variant("hw-format-9", m => m["format"] = "neuro-hardware-export/9");
        Variant("hw-duplicate-tb", m => m["testbenches"]![1] = m["testbenches"]![0]!.DeepClone());
        Variant("hw-unknown-key", m => m["colour"] = "blue");
        Variant("hw-deep", null, dir =>
        {
            string path = Path.Combine(dir, "manifest.json");
            string text = File.ReadAllText(path);
            int at = text.IndexOf("\"update\": {", StringComparison.Ordinal) + "\"update\": ".Length;
            File.WriteAllText(path, text[..at] + new string('[', 100) + new string(']', 100) + ", \"was\": " + text[at..]);
        });
        Variant("hw-bad-sha", m => m["files"]![0]!["sha256"] = "abc");
        Variant("hw-unsafe-path", m => m["files"]![0]!["path"] = "../../etc/passwd");
        Variant("hw-edited-rtl", null, dir => File.AppendAllText(Path.Combine(dir, "rtl", "neuro_engine.v"), "module broken(;\n"));
        Variant("hw-no-manifest", null, dir => File.Delete(Path.Combine(dir, "manifest.json")));
        Variant("hw-not-json", null, dir => File.WriteAllText(Path.Combine(dir, "manifest.json"), "{ this is not json"));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}

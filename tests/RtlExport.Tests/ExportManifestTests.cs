using System.Text.Json.Nodes;
using Xunit;

namespace Neuro.RtlExport;

public sealed class ExportManifestTests
{
    /// <summary>An export of a fixed case, then <paramref name="edit"/> applied to its manifest (as JSON).</summary>
    private static TempFolder ExportWith(Action<JsonObject>? edit = null)
    {
        var dir = new TempFolder();
        RtlCases.Fixed("r1-all-tables-sat").ExportTo(dir.Path);
        if (edit is not null)
        {
            string path = Path.Combine(dir.Path, HardwareExporter.ManifestName);
            var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            edit(manifest);
            File.WriteAllText(path, manifest.ToJsonString());
        }

        return dir;
    }

    private static string Failure(TempFolder dir)
    {
        var e = Assert.Throws<RtlExportException>(() => ExportFolder.Open(dir.Path));
        return e.Message.Replace(dir.Path, "DIR", StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FreshExport_Passes()
    {
        using var dir = ExportWith();
        var manifest = ExportManifest.Read(dir.Path);
        manifest.Verify(dir.Path);
        Assert.Equal(ExportManifest.CurrentFormat, manifest.Format);
        Assert.Equal("neuro_learner", manifest.Modules.Top);
        Assert.Equal("neuro_engine", manifest.Modules.Engine);
        Assert.Equal(["neuro_plasticity_unit_tb", "neuro_engine_tb", "neuro_requantize_tb", "neuro_learner_tb"], manifest.Testbenches.Select(t => t.Module));
    }

    [Fact]
    public void Verify_ChangedFile_NamesIt()
    {
        using var dir = ExportWith();
        File.AppendAllText(Path.Combine(dir.Path, "rtl", "neuro_engine.v"), "// edited\n");
        Assert.Equal("'rtl/neuro_engine.v' in 'DIR' does not match its SHA-256 in manifest.json (changed after the export); export again", Failure(dir));
    }

    [Fact]
    public void Verify_ChangedLearnerRom_Refused()
    {
        // The learner's ROM images are listed and hashed like the rule ROMs.
        using var dir = ExportWith();
        string rom = Directory.EnumerateFiles(Path.Combine(dir.Path, "rom"), "neuro_learner_*.mem").Order(StringComparer.Ordinal).First();
        File.AppendAllText(rom, "0\n");
        Assert.Equal($"'rom/{Path.GetFileName(rom)}' in 'DIR' does not match its SHA-256 in manifest.json (changed after the export); export again", Failure(dir));
    }

    [Fact]
    public void Verify_ChangedVectors_Refused()
    {
        using var dir = ExportWith();
        string vectors = Path.Combine(dir.Path, "vectors", "neuro_engine_expected_hidden.mem");
        File.AppendAllText(vectors, "0000\n");
        Assert.StartsWith("'vectors/neuro_engine_expected_hidden.mem' in 'DIR' does not match its SHA-256", Failure(dir), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MissingFile_Refused()
    {
        using var dir = ExportWith();
        File.Delete(Path.Combine(dir.Path, "rom", "neuro_hidden.coe"));
        Assert.StartsWith("'rom/neuro_hidden.coe' named by DIR/manifest.json (files[", Failure(dir), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("neuro-hardware-export/9")]
    [InlineData("neuro-hardware-export/0")]
    [InlineData("")]
    public void Verify_UnknownFormatVersion_Refused(string format)
    {
        using var dir = ExportWith(m => m["format"] = format);
        Assert.Equal($"DIR/manifest.json: format: '{format}' is not supported; this neuro reads neuro-hardware-export/1 (export the rule again with 'neuro export')", Failure(dir));
    }

    [Fact]
    public void Read_MissingModulesKey_NamesIt()
    {
        using var dir = ExportWith(m => m.Remove("modules"));
        Assert.Equal("DIR/manifest.json: required member 'modules' is missing", Failure(dir));
    }

    [Theory]
    [InlineData("learner", null, "learner: required for a pattern export, missing")]
    [InlineData("rounds", null, "rounds: required for a pattern export, missing")]
    [InlineData("modules", "engine", "modules.engine: required for a pattern export, missing")]
    public void Verify_MissingFamilyKey_NamesIt(string key, string? inner, string message)
    {
        using var dir = ExportWith(m =>
        {
            if (inner is null)
            {
                m.Remove(key);
            }
            else
            {
                m[key]!.AsObject().Remove(inner);
            }
        });
        Assert.Equal($"DIR/manifest.json: {message}", Failure(dir));
    }

    [Fact]
    public void Verify_FamilyWithoutExport_Refused()
    {
        using var dir = ExportWith(m => m["family"] = "linear");
        Assert.Equal("DIR/manifest.json: family: 'linear' has no hardware export; expected pattern, baxter or hebbian", Failure(dir));
    }

    [Fact]
    public void Read_UnknownKey_Refused()
    {
        using var dir = ExportWith(m => m["extra"] = 1);
        Assert.StartsWith("DIR/manifest.json: extra: unknown member; expected one of format, ruleHash", Failure(dir), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateKey_Refused()
    {
        using var dir = ExportWith();
        string path = Path.Combine(dir.Path, HardwareExporter.ManifestName);
        string text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("\"format\": \"neuro-hardware-export/1\",", "\"format\": \"neuro-hardware-export/1\", \"format\": \"neuro-hardware-export/1\",", StringComparison.Ordinal));
        Assert.Equal("DIR/manifest.json: format: appears twice", Failure(dir));
    }

    [Fact]
    public void Verify_DuplicatedTestbenchModule_NamesBoth()
    {
        using var dir = ExportWith(m =>
        {
            var tbs = m["testbenches"]!.AsArray();
            tbs[1] = tbs[0]!.DeepClone();
        });
        Assert.Equal("DIR/manifest.json: testbenches[1].module: 'neuro_plasticity_unit_tb' appears twice (also testbenches[0])", Failure(dir));
    }

    [Fact]
    public void Verify_UnsafeModuleName_Refused()
    {
        using var dir = ExportWith(m => m["modules"]!["top"] = "x; rm -rf /");
        Assert.StartsWith("DIR/manifest.json: modules.top: 'x; rm -rf /' is not a safe Verilog module name", Failure(dir), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.v")]
    [InlineData("/etc/passwd")]
    [InlineData("rtl//x.v")]
    public void Verify_UnsafePath_Refused(string path)
    {
        using var dir = ExportWith(m => m["files"]![0]!["path"] = path);
        Assert.Equal($"DIR/manifest.json: files[0].path: '{path}' is not a safe relative path inside the export folder", Failure(dir));
    }

    [Fact]
    public void Verify_RtlFileNotAmongTheHashedFiles_Refused()
    {
        using var dir = ExportWith(m =>
        {
            var files = m["files"]!.AsArray();
            files.Remove(files.Single(f => f!["path"]!.GetValue<string>() == "rtl/neuro_rom.v"));
        });
        Assert.Equal("DIR/manifest.json: rtl[0]: 'rtl/neuro_rom.v' is not listed in files, so its sha256 cannot be checked", Failure(dir));
    }

    [Fact]
    public void Verify_MalformedHash_Refused()
    {
        using var dir = ExportWith(m => m["files"]![2]!["sha256"] = "XYZ");
        Assert.Equal("DIR/manifest.json: files[2].sha256: 'XYZ' is not 64 lower-case hex digits", Failure(dir));
    }

    [Fact]
    public void Verify_NoTestbenches_Refused()
    {
        using var dir = ExportWith(m => m["testbenches"] = new JsonArray());
        Assert.Equal("DIR/manifest.json: testbenches: lists no testbenches", Failure(dir));
    }
}

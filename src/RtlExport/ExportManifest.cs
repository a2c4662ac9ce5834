using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Neuro.Rules.Json;

namespace Neuro.RtlExport;

/// <summary>
/// <c>manifest.json</c> of an export folder as <c>neuro cosim</c> and <c>neuro synth</c> read it (docs/hardware.md):
/// read strictly (<see cref="StrictJson"/>: the common keys required, unknown and duplicate keys rejected; each
/// family's own keys required by <see cref="Verify"/>: <c>pattern</c> rounds, patterns, update, precision, learner;
/// <c>baxter</c> values, protocol; <c>hebbian</c> update, precision and its modules), then
/// <see cref="Verify"/>-ed against the folder: the format version, safe and unique names and paths, and every listed
/// file's SHA-256, so a tool never runs on files that changed since <c>neuro export</c> wrote them.
/// </summary>
/// <remarks>
/// The sections only people read (<c>update</c>, <c>precision</c>, <c>network</c>, <c>tables</c>, <c>vectors</c>,
/// <c>learner</c>) are kept as JSON values; the sections the tools act on are typed. This is the one reader of a
/// manifest: <see cref="ExportFolder.Open"/> (which <c>cosim</c> and <c>synth</c> go through) reads and verifies with it.
/// </remarks>
public sealed partial record ExportManifest(
    string Format,
    string RuleHash,
    string RuleHashOf,
    string Family,
    string Name,
    JsonElement Network,
    JsonElement Tables,
    ExportManifestModules Modules,
    ImmutableArray<string> Rtl,
    ImmutableArray<ExportManifestTestbench> Testbenches,
    JsonElement Vectors,
    ImmutableArray<ExportedFile> Files,
    int? Rounds = null,
    int? Patterns = null,
    JsonElement? Update = null,
    JsonElement? Precision = null,
    JsonElement? Learner = null,
    string? Values = null,
    JsonElement? Protocol = null)
{
    /// <summary>The manifest format <see cref="HardwareExporter"/> writes and this reader takes.</summary>
    public const string CurrentFormat = "neuro-hardware-export/1";

    /// <summary>The largest manifest read: 16 MiB.</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>Reads <c>manifest.json</c> of <paramref name="directory"/> strictly; does not look at the other files.</summary>
    /// <exception cref="RtlExportException">The manifest is missing, unreadable or breaks the model; the message names the
    /// file and the JSON path (<c>…/manifest.json: modules: required member … is missing</c>).</exception>
    public static ExportManifest Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string path = Path.Combine(directory, HardwareExporter.ManifestName);
        try
        {
            return StrictJson.ReadFile<ExportManifest>(path, MaxBytes);
        }
        catch (JsonInputException e)
        {
            throw new RtlExportException(e.Message, e);
        }
    }

    /// <summary>
    /// Checks the manifest against <paramref name="directory"/>: the format is <see cref="CurrentFormat"/>; module names
    /// are safe Verilog identifiers and testbench modules unique; every path is relative, inside the folder and listed
    /// once in <c>files</c>; every RTL and testbench file is among them; and every listed file exists with the recorded
    /// SHA-256.
    /// </summary>
    /// <exception cref="RtlExportException">The first problem found, naming the manifest, the JSON path and the file.</exception>
    public void Verify(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string manifest = Path.Combine(directory, HardwareExporter.ManifestName);
        if (Format != CurrentFormat)
        {
            throw new RtlExportException($"{manifest}: format: '{Format}' is not supported; this neuro reads {CurrentFormat} (export the rule again with 'neuro export')");
        }

        (string Key, bool Present)[] familyKeys = Family switch
        {
            "pattern" =>
            [
                ("rounds", Rounds is not null), ("patterns", Patterns is not null), ("update", Update is not null),
                ("precision", Precision is not null), ("learner", Learner is not null),
                ("modules.rom", Modules.Rom is not null), ("modules.plasticityUnit", Modules.PlasticityUnit is not null),
                ("modules.engine", Modules.Engine is not null), ("modules.requantize", Modules.Requantize is not null),
                ("modules.learnerCore", Modules.LearnerCore is not null), ("modules.learner", Modules.Learner is not null),
            ],
            "baxter" =>
            [
                ("values", Values is not null), ("protocol", Protocol is not null),
                ("modules.ruleLut", Modules.RuleLut is not null), ("modules.learner", Modules.Learner is not null),
            ],
            "hebbian" =>
            [
                ("update", Update is not null), ("precision", Precision is not null),
                ("modules.rom", Modules.Rom is not null), ("modules.engine", Modules.Engine is not null),
                ("modules.hiddenPlasticity", Modules.HiddenPlasticity is not null), ("modules.outputPlasticity", Modules.OutputPlasticity is not null),
            ],
            _ => throw new RtlExportException($"{manifest}: family: '{Family}' has no hardware export; expected pattern, baxter or hebbian"),
        };
        foreach (var (key, present) in familyKeys)
        {
            if (!present)
            {
                throw new RtlExportException($"{manifest}: {key}: required for a {Family} export, missing");
            }
        }

        foreach (var (key, name) in new[]
        {
            ("modules.rom", Modules.Rom), ("modules.plasticityUnit", Modules.PlasticityUnit), ("modules.engine", Modules.Engine),
            ("modules.requantize", Modules.Requantize), ("modules.learnerCore", Modules.LearnerCore), ("modules.learner", Modules.Learner),
            ("modules.ruleLut", Modules.RuleLut), ("modules.hiddenPlasticity", Modules.HiddenPlasticity),
            ("modules.outputPlasticity", Modules.OutputPlasticity), ("modules.top", Modules.Top),
        })
        {
            if (name is not null)
            {
                CheckName(manifest, key, name);
            }
        }
        if (Rtl.IsDefaultOrEmpty)
        {
            throw new RtlExportException($"{manifest}: rtl: lists no RTL files");
        }

        if (Testbenches.IsDefaultOrEmpty)
        {
            throw new RtlExportException($"{manifest}: testbenches: lists no testbenches");
        }

        var listed = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Files.Length; i++)
        {
            var file = Files[i];
            SafePath(manifest, $"files[{i}].path", file.Path);
            if (!listed.TryAdd(file.Path, i))
            {
                throw new RtlExportException($"{manifest}: files[{i}].path: '{file.Path}' is listed twice (also files[{listed[file.Path]}])");
            }

            if (!Sha256Hex().IsMatch(file.Sha256))
            {
                throw new RtlExportException($"{manifest}: files[{i}].sha256: '{file.Sha256}' is not 64 lower-case hex digits");
            }
        }

        var rtlSeen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Rtl.Length; i++)
        {
            Listed(manifest, $"rtl[{i}]", Rtl[i], listed);
            if (!rtlSeen.Add(Rtl[i]))
            {
                throw new RtlExportException($"{manifest}: rtl[{i}]: '{Rtl[i]}' is listed twice");
            }
        }

        var modules = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Testbenches.Length; i++)
        {
            var tb = Testbenches[i];
            CheckName(manifest, $"testbenches[{i}].module", tb.Module);
            if (!modules.TryAdd(tb.Module, i))
            {
                throw new RtlExportException($"{manifest}: testbenches[{i}].module: '{tb.Module}' appears twice (also testbenches[{modules[tb.Module]}])");
            }

            Listed(manifest, $"testbenches[{i}].file", tb.File, listed);
        }

        for (int i = 0; i < Files.Length; i++)
        {
            var file = Files[i];
            string full = Path.Combine(directory, file.Path);
            if (!File.Exists(full))
            {
                throw new RtlExportException($"'{file.Path}' named by {manifest} (files[{i}]) is missing from '{directory}'");
            }

            string actual;
            using (var stream = File.OpenRead(full))
            {
                actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            }

            if (actual != file.Sha256)
            {
                throw new RtlExportException($"'{file.Path}' in '{directory}' does not match its SHA-256 in manifest.json (changed after the export); export again");
            }
        }
    }

    private static void CheckName(string manifest, string field, string name)
    {
        try
        {
            VerilogNames.Validate(name);
        }
        catch (RtlExportException e)
        {
            throw new RtlExportException($"{manifest}: {field}: {e.Message}", e);
        }
    }

    private static void SafePath(string manifest, string field, string path)
    {
        if (string.IsNullOrEmpty(path) || Path.IsPathRooted(path) || path.Split('/', '\\').Any(part => part is "" or "." or ".."))
        {
            throw new RtlExportException($"{manifest}: {field}: '{path}' is not a safe relative path inside the export folder");
        }
    }

    private static void Listed(string manifest, string field, string path, Dictionary<string, int> listed)
    {
        SafePath(manifest, field, path);
        if (!listed.ContainsKey(path))
        {
            throw new RtlExportException($"{manifest}: {field}: '{path}' is not listed in files, so its sha256 cannot be checked");
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();
}

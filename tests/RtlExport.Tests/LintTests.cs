using Xunit;

namespace Neuro.RtlExport;

/// <summary><c>verilator --lint-only -Wall</c> is clean on every emitted module, linted from the two top levels and the
/// testbenches (with <c>--timing</c>).</summary>
public sealed class LintTests
{
    public static TheoryData<string> Cases => ["r1-all-tables-sat", "r0-hidden-only-satsym", "r1-all-edges-satzero", "r2-input-wrap", "demo-w8-e6", "random-106", "random-107", "ties-sat", "sr-sat", "sr-wrap", "layout-mut", "layout-10", "sr-neurons", "group-406"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verilator_WallClean(string name)
    {
        var c = name.StartsWith("random-", StringComparison.Ordinal) ? RtlCases.Random(int.Parse(name[7..], System.Globalization.CultureInfo.InvariantCulture))
            : name.StartsWith("group-", StringComparison.Ordinal) ? RtlCases.RandomGroup(int.Parse(name[6..], System.Globalization.CultureInfo.InvariantCulture))
            : name.StartsWith("layout-", StringComparison.Ordinal) && int.TryParse(name[7..], System.Globalization.CultureInfo.InvariantCulture, out int seed) ? RtlCases.RandomLayout(seed)
            : RtlCases.Fixed(name);
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        string verilator = Tools.ExternalTool.Find("verilator", "verilator");
        string[] rtl = [.. Directory.EnumerateFiles(Path.Combine(dir.Path, "rtl")).Select(f => Path.GetRelativePath(dir.Path, f)).Order(StringComparer.Ordinal)];
        Assert.Equal(6, rtl.Length);
        // The two top levels reach every module (the engine: plasticity unit and ROM; the learner: core, narrowing, ROM).
        string[] tops = [$"rtl/{c.Settings.Name}_engine.v", $"rtl/{c.Settings.Name}_learner.v"];
        foreach (string file in tops.Concat(Directory.EnumerateFiles(Path.Combine(dir.Path, "tb")).Select(f => Path.GetRelativePath(dir.Path, f)).Order(StringComparer.Ordinal)))
        {
            string module = Path.GetFileNameWithoutExtension(file);
            bool testbench = file.StartsWith("tb", StringComparison.Ordinal);
            string[] args = ["--lint-only", "-Wall", .. testbench ? new[] { "--timing" } : [], "--top-module", module, .. testbench ? new[] { file } : [], .. rtl];
            var (code, output) = Tools.ExternalTool.Run(verilator, args, dir.Path, TimeSpan.FromMinutes(2));
            Assert.True(code == 0 && output.Trim().Length == 0, $"{name}: verilator -Wall on {module}:\n{output}");
        }
    }
}

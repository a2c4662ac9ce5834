using System.Text.Json;
using Neuro.FixedPointSim;
using Xunit;

namespace Neuro.Cli;

public class FixedCommandTests
{
    private static readonly string[] SQ412ConvSat = ["fixed", "--format", "sQ4.12", "--rounding", "RndConv", "--overflow", "Sat"];

    [Fact]
    public void Run_WorkedExamplesAsTable()
    {
        var result = NeuroRunner.Run([.. SQ412ConvSat, "0.3", "-0.5", "100"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.StartsWith("ap_fixed<16,4,AP_RND_CONV,AP_SAT> (sQ4.12)", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            [
                ["input", "raw", "hex", "value"],
                ["0.3", "1229", "0x04CD", "0.300048828125"],    // 0.3·4096 = 1228.8 → 1229
                ["-0.5", "-2048", "0xF800", "-0.5"],            // −2048 = 0x10000 − 0x0800
                ["100", "32767", "0x7FFF", "7.999755859375"],   // saturates at (2^15 − 1)/4096
            ],
            result.TableRows());
    }

    [Fact]
    public void Run_WorkedExamplesAsJson()
    {
        var result = NeuroRunner.Run([.. SQ412ConvSat, "0.3", "-0.5", "100", "--json"]);

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var items = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, items.Length);
        AssertItem(items[0], "0.3", 1229, "0x04CD", "0.300048828125");
        AssertItem(items[1], "-0.5", -2048, "0xF800", "-0.5");
        AssertItem(items[2], "100", 32767, "0x7FFF", "7.999755859375");
    }

    [Fact]
    public void Run_WrapOverflow()
    {
        // Hand calculation: 100 · 2^12 = 409600 = 0x64000; Wrap keeps the low 16 bits, 0x4000 = 16384,
        // which is below 2^15 so it reads as +16384 signed, i.e. 16384 / 4096 = 4.
        var result = NeuroRunner.Run("fixed", "--format", "sQ4.12", "--rounding", "RndConv", "--overflow", "Wrap", "100", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        AssertItem(doc.RootElement[0], "100", 16384, "0x4000", "4");
    }

    [Fact]
    public void Run_ApFixedSpellingGivesModes()
    {
        var result = NeuroRunner.Run("fixed", "--format", "ap_fixed<16,4,AP_RND_CONV,AP_SAT>", "0.3", "100");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("ap_fixed<16,4,AP_RND_CONV,AP_SAT> (sQ4.12)", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["0.3", "1229", "0x04CD", "0.300048828125"], result.TableRows()[1]);
        Assert.Equal(["100", "32767", "0x7FFF", "7.999755859375"], result.TableRows()[2]);
    }

    [Fact]
    public void Run_ApFixedWithoutModesTakesFlags()
    {
        var result = NeuroRunner.Run("fixed", "--format", "ap_fixed<16,4>", "--rounding", "AP_RND_CONV", "--overflow", "SC_SAT", "0.3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["0.3", "1229", "0x04CD", "0.300048828125"], result.TableRows()[1]);
    }

    [Fact]
    public void Run_ApFixedRoundingOnlyAndOverflowFlag()
    {
        // AP_TRN floors: 0.3·4096 = 1228.8 → 1228 = 0x04CC, value 1228/4096 = 0.2998046875.
        var result = NeuroRunner.Run("fixed", "--format", "ap_fixed<16,4,AP_TRN>", "--overflow", "Sat", "0.3");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("ap_fixed<16,4,AP_TRN,AP_SAT>", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["0.3", "1228", "0x04CC", "0.2998046875"], result.TableRows()[1]);
    }

    [Fact]
    public void Run_FlagAgreeingWithSpellingIsAccepted()
    {
        var result = NeuroRunner.Run("fixed", "--format", "ap_fixed<16,4,AP_RND_CONV,AP_SAT>", "--rounding", "RndConv", "--overflow", "sat", "0.3");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Run_ConflictingRounding()
    {
        var result = NeuroRunner.Run("fixed", "--format", "ap_fixed<16,4,AP_RND_CONV,AP_SAT>", "--rounding", "RndZero", "0.3");

        string line = result.SingleErrorLine(2);
        Assert.Equal(
            "neuro: error: --rounding says RndZero but --format 'ap_fixed<16,4,AP_RND_CONV,AP_SAT>' says RndConv; give the mode once or make them agree",
            line);
    }

    [Fact]
    public void Run_ConflictingOverflow()
    {
        var result = NeuroRunner.Run("fixed", "--format", "ap_fixed<16,4,AP_RND_CONV,AP_SAT>", "--overflow", "AP_WRAP", "0.3");

        string line = result.SingleErrorLine(2);
        Assert.Contains("--overflow says Wrap", line, StringComparison.Ordinal);
        Assert.Contains("says Sat", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingRounding()
    {
        var result = NeuroRunner.Run("fixed", "--format", "sQ4.12", "--overflow", "Sat", "0.3");

        Assert.Equal("neuro: error: --rounding is required (or spell it inside ap_fixed<...>)", result.SingleErrorLine(2));
    }

    [Fact]
    public void Run_MissingOverflowIsNotTakenFromQSpellingDefault()
    {
        var result = NeuroRunner.Run("fixed", "--format", "sQ4.12", "--rounding", "RndConv", "0.3");

        Assert.Equal("neuro: error: --overflow is required (or spell it inside ap_fixed<...>)", result.SingleErrorLine(2));
    }

    [Fact]
    public void Run_MissingFormat()
    {
        var result = NeuroRunner.Run("fixed", "--rounding", "RndConv", "--overflow", "Sat", "0.3");

        Assert.Contains("--format", result.SingleErrorLine(2), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "sQ4", "--format: ")]
    [InlineData("--rounding", "Nearest", "--rounding: Unknown rounding mode 'Nearest'")]
    [InlineData("--overflow", "Clamp", "--overflow: Unknown overflow mode 'Clamp'")]
    public void Run_BadTypeArgument(string option, string text, string expected)
    {
        string[] args = ["fixed", "--format", "sQ4.12", "--rounding", "RndConv", "--overflow", "Sat", "0.3"];
        args[Array.IndexOf(args, option) + 1] = text;

        var result = NeuroRunner.Run(args);

        Assert.StartsWith("neuro: error: " + expected, result.SingleErrorLine(2), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nan", "not finite")]
    [InlineData("NaN", "not finite")]
    [InlineData("inf", "not finite")]
    [InlineData("-Infinity", "not finite")]
    [InlineData("abc", "not a decimal number")]
    [InlineData("1.2.3", "Unexpected '.'")]
    [InlineData("0x10", "Unexpected 'x'")]
    public void Run_BadValueFailsBeforePrintingAnything(string value, string expected)
    {
        var result = NeuroRunner.Run([.. SQ412ConvSat, "0.3", value, "0.5"]);

        string line = result.SingleErrorLine(2);
        Assert.Contains($"'{value}'", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoValues()
    {
        var result = NeuroRunner.Run(SQ412ConvSat);

        Assert.Equal("neuro: error: no values: give VALUES... or --in FILE", result.SingleErrorLine(2));
    }

    [Fact]
    public void Run_InFileSkipsBlankAndCommentLines()
    {
        string file = TempFile("# weights\n0.3\n\n   \n  -0.5  \n# end\n100\n");
        try
        {
            var result = NeuroRunner.Run([.. SQ412ConvSat, "--in", file, "--json"]);

            Assert.Equal(0, result.ExitCode);
            using var doc = JsonDocument.Parse(result.Stdout);
            Assert.Equal(3, doc.RootElement.GetArrayLength());
            AssertItem(doc.RootElement[0], "0.3", 1229, "0x04CD", "0.300048828125");
            AssertItem(doc.RootElement[1], "-0.5", -2048, "0xF800", "-0.5");
            AssertItem(doc.RootElement[2], "100", 32767, "0x7FFF", "7.999755859375");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Run_InFileBadLineNamesFileAndLine()
    {
        string file = TempFile("# header\n0.3\n\n0.2.5\n0.1\n");
        try
        {
            var result = NeuroRunner.Run([.. SQ412ConvSat, "--in", file]);

            Assert.StartsWith($"neuro: error: {file}:4: ", result.SingleErrorLine(2), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Run_InFileMissing()
    {
        string file = Path.Combine(Path.GetTempPath(), $"neuro-missing-{Guid.NewGuid():N}.txt");

        var result = NeuroRunner.Run([.. SQ412ConvSat, "--in", file]);

        Assert.StartsWith($"neuro: error: --in '{file}': ", result.SingleErrorLine(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InFileThatCannotBeReadIsARuntimeFailure()
    {
        string directory = Path.GetTempPath();

        var result = NeuroRunner.Run([.. SQ412ConvSat, "--in", directory]);

        Assert.StartsWith($"neuro: error: --in '{directory}' could not be read: ", result.SingleErrorLine(1), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InFileAndValuesTogether()
    {
        var result = NeuroRunner.Run([.. SQ412ConvSat, "--in", "values.txt", "0.3"]);

        Assert.Contains("not both", result.SingleErrorLine(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnsignedFormat()
    {
        var result = NeuroRunner.Run("fixed", "--format", "uQ0.8", "--rounding", "Rnd", "--overflow", "Sat", "0.5", "-1", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        AssertItem(doc.RootElement[0], "0.5", 128, "0x80", "0.5");
        AssertItem(doc.RootElement[1], "-1", 0, "0x00", "0");
    }

    [Fact]
    public void Run_JsonRawIsExactAt64Bits()
    {
        var result = NeuroRunner.Run(
            "fixed", "--format", "uQ64.0", "--rounding", "Trn", "--overflow", "Sat", "18446744073709551615", "1e30", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            Assert.Equal(ulong.MaxValue, item.GetProperty("raw").GetUInt64());
            Assert.Equal("18446744073709551615", item.GetProperty("raw").GetRawText());
            Assert.Equal("0xFFFFFFFFFFFFFFFF", item.GetProperty("hex").GetString());
        }
    }

    [Fact]
    public void Run_JsonValueHasAllExactDigits()
    {
        // sQ1.63: the quantized 0.3 is raw / 2^63 with raw = 2767011611056432742 = 2 · odd, so its exact decimal has
        // 62 digits after the point, far more than the 17 a double would print.
        var result = NeuroRunner.Run("fixed", "--format", "sQ1.63", "--rounding", "RndConv", "--overflow", "Sat", "0.3", "--json");

        Assert.Equal(0, result.ExitCode);
        var expected = Fixed.ParseDecimal("0.3", QFormat.S(1, 63), Rounding.RndConv, Overflow.Sat);
        using var doc = JsonDocument.Parse(result.Stdout);
        var item = doc.RootElement[0];
        Assert.Equal((long)expected.Raw, item.GetProperty("raw").GetInt64());
        Assert.Equal(expected.ToDecimalString(), item.GetProperty("value").GetRawText());
        Assert.Equal(2767011611056432742, item.GetProperty("raw").GetInt64());
        Assert.Equal(64, item.GetProperty("value").GetRawText().Length); // "0." and 62 digits
    }

    private static void AssertItem(JsonElement item, string input, long raw, string hex, string value)
    {
        Assert.Equal(input, item.GetProperty("input").GetString());
        Assert.Equal(JsonValueKind.Number, item.GetProperty("raw").ValueKind);
        Assert.Equal(raw, item.GetProperty("raw").GetInt64());
        Assert.Equal(hex, item.GetProperty("hex").GetString());
        Assert.Equal(JsonValueKind.Number, item.GetProperty("value").ValueKind);
        Assert.Equal(value, item.GetProperty("value").GetRawText());
    }

    private static string TempFile(string contents)
    {
        string path = Path.Combine(Path.GetTempPath(), $"neuro-values-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, contents);
        return path;
    }
}

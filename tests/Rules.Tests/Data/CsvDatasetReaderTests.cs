using System.Text;
using Xunit;

namespace Neuro.Rules.Data;

public sealed class CsvDatasetReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_WithoutHeader()
    {
        string path = _dir.WriteText("plain.csv", "1,2,0\n3.5,-4e-1,1\n");
        Dataset d = CsvDatasetReader.Read(path);
        Assert.Equal((2, 2, 2), (d.Count, d.Features, d.Classes));
        Assert.Equal([1, 2, 3.5, -0.4], d.Values.ToArray());
        Assert.Equal([0, 1], d.Labels.ToArray());
    }

    [Fact]
    public void Read_DetectsHeader()
    {
        string path = _dir.WriteText("header.csv", "width, height, label\n1, 2, 3\n 4 ,5, 0\n");
        Dataset d = CsvDatasetReader.Read(path);
        Assert.Equal((2, 2, 4), (d.Count, d.Features, d.Classes));
        Assert.Equal([1.0, 2, 4, 5], d.Values.ToArray());
        Assert.Equal([3, 0], d.Labels.ToArray());
    }

    [Fact]
    public void Read_HeaderCanBeForced()
    {
        Assert.Equal(1, CsvDatasetReader.Read(new StringReader("1,2,0\n3,4,1\n"), "forced", hasHeader: true).Count);
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(new StringReader("a,b,c\n3,4,1\n"), "forced", hasHeader: false));
        Assert.Equal("forced:1: feature 1 'a' is not a number", e.Message);
    }

    [Theory]
    [InlineData("1.5,abc,0\n1,2,1\n", "mixed:1: has 2 numeric and 1 non-numeric fields, so it is neither clearly a header nor clearly a sample; say which (neuro: --header yes or --header no)")]
    [InlineData("x,2,label\n1,2,1\n", "mixed:1: has 1 numeric and 2 non-numeric fields, so it is neither clearly a header nor clearly a sample; say which (neuro: --header yes or --header no)")]
    public void Read_AutoHeader_FirstLineMixingNumbersAndText_IsAnError(string text, string message)
    {
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(new StringReader(text), "mixed"));
        Assert.Equal(message, e.Message);
        // Said explicitly, the same first line is a header.
        Assert.Equal(1, CsvDatasetReader.Read(new StringReader(text), "mixed", hasHeader: true).Count);
    }

    [Fact]
    public void Read_LabelBeyondTheClassLimit_IsAnErrorBeforeAllocating()
    {
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(new StringReader("1,2,0\n3,4,1e9\n"), "huge"));
        Assert.Equal("huge:2: label '1e9' is above the largest class a dataset may have (65535)", e.Message);
        Assert.Equal(65536, CsvDatasetReader.Read(new StringReader("1,2,0\n3,4,65535\n"), "largest").Classes);
    }

    [Fact]
    public void Read_InvalidUtf8_IsAnError()
    {
        string path = Path.Combine(_dir.Path, "bad.csv");
        File.WriteAllBytes(path, [.. "1,2,0\n"u8, 0xC3, 0x28, .. ",2,1\n"u8]);
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(path));
        Assert.Equal($"{path}: is not valid UTF-8 text", e.Message);
    }

    [Theory]
    [InlineData("1;2;0\n3;4;1\n")]
    [InlineData("1\t2\t0\n3\t4\t1\n")]
    [InlineData("x;y;label\r\n1;2;0\r\n3;4;1\r\n")]
    [InlineData("\uFEFF1,2,0\n\n3,4,1")]
    public void Read_AcceptsSemicolonTabCrLfBomAndBlankLines(string text)
    {
        Dataset d = CsvDatasetReader.Read(_dir.WriteText("d.csv", text));
        Assert.Equal([1.0, 2, 3, 4], d.Values.ToArray());
        Assert.Equal([0, 1], d.Labels.ToArray());
    }

    [Fact]
    public void Read_ClassesAreMaxLabelPlusOneOrGiven()
    {
        Assert.Equal(8, CsvDatasetReader.Read(new StringReader("0.5,7\n0.25,2.0\n"), "r").Classes);
        Assert.Equal(10, CsvDatasetReader.Read(new StringReader("0.5,7\n"), "r", classes: 10).Classes);
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(new StringReader("0.5,1\n0.5,3\n"), "r", classes: 3));
        Assert.Equal("r:2: label 3 is not below the 3 classes given", e.Message);
    }

    [Theory]
    [InlineData("1,2,0\n3,4\n", 2, "found 2 fields separated by ',' but line 1 has 3")]
    [InlineData("a,b,y\n1,2,0\n\n3,4,1,5\n", 4, "found 4 fields separated by ',' but line 1 has 3")]
    [InlineData("1,2,0\n1;2;0\n", 2, "found 1 field separated by ',' but line 1 has 3")]
    [InlineData("1,2,0\n3,x,1\n", 2, "feature 2 'x' is not a number")]
    [InlineData("1,2,0\n\n\n3,NaN,1\n", 4, "feature 2 'NaN' is not finite")]
    [InlineData("1,2,0\n-Infinity,2,1\n", 2, "feature 1 '-Infinity' is not finite")]
    [InlineData("1,2,0\n1e999,2,1\n", 2, "feature 1 '1e999' is not finite")]
    [InlineData("1,2,0\n1,2,-1\n", 2, "label '-1' is negative")]
    [InlineData("1,2,0\n1,2,1.5\n", 2, "label '1.5' is not an integer")]
    [InlineData("1,2,0\n1,2,cat\n", 2, "label 'cat' is not a number")]
    [InlineData("1,2,0\n1,2,NaN\n", 2, "label 'NaN' is not finite")]
    [InlineData("1,2,0\n1,2,1e12\n", 2, "label '1e12' is too large")]
    [InlineData("label\n", 1, "found 1 field; each line needs at least one feature and then a label, separated by ','")]
    public void Read_ReportsFileAndLine(string text, int line, string detail)
    {
        string path = _dir.WriteText("bad.csv", text);
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(path));
        Assert.Equal(path, e.Path);
        Assert.Equal(line, e.Line);
        Assert.Equal(detail, e.Detail);
        Assert.Equal($"{path}:{line}: {detail}", e.Message);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("\n  \n\t\n", "is empty")]
    [InlineData("x,y,label\n\n", "has a header but no data lines")]
    public void Read_RejectsFilesWithoutData(string text, string detail)
    {
        string path = _dir.WriteText("empty.csv", text);
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(path));
        Assert.Null(e.Line);
        Assert.Equal($"{path}: {detail}", e.Message);
    }

    [Fact]
    public void Read_FromReaderUsesTheGivenName()
    {
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(new StringReader("1,0\n1,x\n"), "inline"));
        Assert.Equal("inline:2: label 'x' is not a number", e.Message);
    }

    [Fact]
    public void Read_RoundTripsAGeneratedDataset()
    {
        Dataset original = SyntheticClassification.Generate(new SyntheticClassificationSettings { Samples = 50, Features = 4 }, 3);
        var text = new StringBuilder("f0,f1,f2,f3,label\n");
        for (int i = 0; i < original.Count; i++)
        {
            foreach (double v in original.Row(i))
            {
                text.Append(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            }

            text.Append(original.Label(i)).Append('\n');
        }

        Dataset read = CsvDatasetReader.Read(new StringReader(text.ToString()), "roundtrip", classes: 2);
        Assert.Equal(original.Values.ToArray(), read.Values.ToArray());
        Assert.Equal(original.Labels.ToArray(), read.Labels.ToArray());
    }
}

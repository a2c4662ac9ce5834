using System.Collections.Immutable;
using Xunit;

namespace Neuro.Rules.Json;

public sealed class StrictJsonTests
{
    public enum Kind
    {
        Alpha,
        BetaGamma,
    }

    public sealed record Inner(int Bits, string Signal = "pre");

    public sealed record Model(int Count, double[]? Values = null, Kind Kind = Kind.Alpha, ImmutableArray<Inner> Fields = default, string Name = "x", System.Text.Json.JsonElement? Extra = null);

    [Fact]
    public void Deserialize_ReadsCamelCaseMembersAndEnums()
    {
        var model = StrictJson.Deserialize<Model>("""{"count": 3, "values": [1.5, -2], "kind": "betaGamma", "fields": [{"bits": 4}]}""", "m.json");

        Assert.Equal(3, model.Count);
        Assert.Equal([1.5, -2], model.Values!);
        Assert.Equal(Kind.BetaGamma, model.Kind);
        Assert.Equal(4, model.Fields[0].Bits);
        Assert.Equal("pre", model.Fields[0].Signal);
    }

    [Theory]
    [InlineData("""{"count": 1, "count": 2}""", "m.json: count: appears twice")]
    [InlineData("""{"count": 1, "other": 2}""", "m.json: other: unknown member; expected one of count, values, kind, fields, name, extra")]
    [InlineData("""{"count": 1, "fields": [{"bits": 1, "bitz": 2}]}""", "m.json: fields[0].bitz: unknown member; expected one of bits, signal")]
    [InlineData("""{"values": []}""", "m.json: required member 'count' is missing")]
    [InlineData("""{"count": 1, "values": [1, NaN]}""", "m.json: values[1]: NaN is not a finite number")]
    [InlineData("""{"count": 1, "values": [1, -Infinity]}""", "m.json: values[1]: -Infinity is not a finite number")]
    [InlineData("""{"count": 1, "values": [1e400]}""", "m.json: values[0]: 1e400 is not a finite number (beyond the range of a double)")]
    [InlineData("""{"count": 1, "values": [1, "NaN"]}""", "m.json: values[1]: expected a finite number, not \"NaN\"")]
    [InlineData("""{"count": 1.5}""", "m.json: count: expected an integer, not 1.5")]
    [InlineData("""{"count": 1, "kind": "delta"}""", "m.json: kind: expected one of alpha, betaGamma, not \"delta\"")]
    [InlineData("""{"count": 1, "kind": 0}""", "m.json: kind: expected one of alpha, betaGamma, not 0")]
    [InlineData("""{"count": 1, "name": null}""", "m.json: name: must not be null; expected a string")]
    [InlineData("""[1]""", "m.json: expected an object")]
    public void Deserialize_NamesThePathAndTheProblem(string json, string message)
    {
        var e = Assert.Throws<JsonInputException>(() => StrictJson.Deserialize<Model>(json, "m.json"));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Deserialize_RejectsMalformedJsonWithItsPosition()
    {
        var e = Assert.Throws<JsonInputException>(() => StrictJson.Deserialize<Model>("{\"count\": 1,\n \"values\": [1, 2}", "m.json"));

        Assert.StartsWith("m.json: values[2]: malformed JSON at line 2, byte ", e.Message);
    }

    [Fact]
    public void Deserialize_RejectsDeepNesting()
    {
        string json = "{\"count\": 1, \"extra\": " + new string('[', 100) + new string(']', 100) + "}";

        var e = Assert.Throws<JsonInputException>(() => StrictJson.Deserialize<Model>(json, "m.json"));

        Assert.Contains("nested deeper than 64 levels", e.Message);
    }

    [Fact]
    public void Deserialize_RejectsInvalidUtf8()
    {
        byte[] bytes = [.. "{\"count\": 1, \"name\": \""u8, 0xff, 0xfe, .. "\"}"u8];

        var e = Assert.Throws<JsonInputException>(() => StrictJson.Deserialize<Model>(bytes, "m.json"));

        Assert.Equal("m.json: is not valid UTF-8 (byte 22 of the text)", e.Message);
    }

    [Fact]
    public void Deserialize_AcceptsAByteOrderMark()
    {
        byte[] bytes = [0xef, 0xbb, 0xbf, .. "{\"count\": 7}"u8];

        Assert.Equal(7, StrictJson.Deserialize<Model>(bytes, "m.json").Count);
    }

    [Fact]
    public void ReadFile_RejectsTooLargeAndMissingFiles()
    {
        string path = Path.Combine(Path.GetTempPath(), $"strict-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "{\"count\": 1}");

            Assert.Equal(1, StrictJson.ReadFile<Model>(path).Count);
            Assert.Equal($"{path}: is 12 bytes; the limit is 4", Assert.Throws<JsonInputException>(() => StrictJson.ReadFile<Model>(path, maxBytes: 4)).Message);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal($"{path}: file not found", Assert.Throws<JsonInputException>(() => StrictJson.ReadFile<Model>(path)).Message);
    }

    [Fact]
    public void Serialize_RoundTrips()
    {
        var model = new Model(2, [0.1, 1e-300], Kind.BetaGamma, [new Inner(3, "post")]);

        string json = StrictJson.Serialize(model);
        var back = StrictJson.Deserialize<Model>(json, "round trip");

        Assert.Equal(model.Values, back.Values);
        Assert.Equal(model.Fields[0], back.Fields[0]);
        Assert.Contains("\"kind\": \"betaGamma\"", json);
    }
}

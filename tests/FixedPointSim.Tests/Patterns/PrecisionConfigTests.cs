using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.FixedPointSim.Patterns;

public sealed class PrecisionConfigTests
{
    private const string DefaultJson = """
        {
          "input": "ap_fixed<16,4,AP_RND_CONV,AP_SAT>",
          "weight": "ap_fixed<16,4,AP_RND_CONV,AP_SAT>",
          "activation": "ap_fixed<32,12,AP_RND_CONV,AP_SAT>",
          "ruleEntry": "ap_fixed<8,-4,AP_RND_CONV,AP_SAT>"
        }

        """;

    private static readonly PatternNetworkSpec Synthetic = new(Inputs: 10, Classes: 4, Hidden: 20, Cap: 10);

    [Fact]
    public void Default_HasTheDocumentedTypes()
    {
        var d = PrecisionConfig.Default;
        Assert.Equal(QFormat.S(4, 12), d.Input.Format);
        Assert.Equal(QFormat.S(4, 12), d.Weight.Format);
        Assert.Equal(QFormat.S(12, 20), d.Activation.Format);
        Assert.Equal(new QFormat(true, 8, 12), d.RuleEntry.Format);
        Assert.All(new[] { d.Input, d.Weight, d.Activation, d.RuleEntry }, t =>
        {
            Assert.Equal(Rounding.RndConv, t.Rounding);
            Assert.Equal(Overflow.Sat, t.Overflow);
        });
        Assert.Null(d.Problem);
    }

    [Fact]
    public void ToJson_DefaultIsTheDocumentedText()
    {
        Assert.Equal(DefaultJson.ReplaceLineEndings("\n"), PrecisionConfig.Default.ToJson());
    }

    [Fact]
    public void FromJson_RoundTrips()
    {
        var custom = new PrecisionConfig(
            FixedType.Parse("ap_ufixed<8,0,AP_TRN,AP_SAT_SYM>"),
            FixedType.Parse("ap_fixed<12,3,AP_RND,AP_WRAP>"),
            FixedType.Parse("ap_fixed<24,10,AP_RND_ZERO,AP_SAT>"),
            FixedType.Parse("ap_fixed<6,-3,AP_RND_INF,AP_SAT_ZERO>"));
        Assert.Equal(custom, PrecisionConfig.FromJson(custom.ToJson()));
        Assert.Equal(PrecisionConfig.Default, PrecisionConfig.FromJson(DefaultJson));
    }

    [Theory]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ4.12", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-4>", "bias": "sQ4.12" }""", "bias", "unknown member; expected one of input, weight, activation, ruleEntry")]
    [InlineData("""{ "input": "sQ4.12", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-4>" }""", "weight", "missing")]
    [InlineData("""{ "input": "sQ4.12", "weight": "ap_fixed<16>", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-4>" }""", "weight", "ap_fixed")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ4.12", "activation": 32, "ruleEntry": "ap_fixed<8,-4>" }""", "activation", "expected a string, not 32")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ4.12", "activation": "sQ12.20", "ruleEntry": "sQ4.4" }""", "ruleEntry", "must have the weight's 12 fractional bits")]
    [InlineData("""{ "input": "sQ4.12", "weight": "uQ4.12", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-4>" }""", "weight", "must be signed")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ4.12", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-4>", "input": "sQ4.12" }""", "input", "appears twice")]
    [InlineData("""{ "input": "sQ4.12", """, "$", "malformed JSON")]
    [InlineData("""[1, 2]""", "$", "expected an object")]
    [InlineData("""{ "input": "sQ4.12", "weight": null, "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-4>" }""", "weight", "must not be null")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ4.12", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-4>" """, "$", "malformed JSON")]
    public void FromJson_NamesTheOffendingField(string json, string field, string fragment)
    {
        var e = Assert.Throws<PrecisionConfigException>(() => PrecisionConfig.FromJson(json));
        Assert.Equal(field, e.Field);
        Assert.StartsWith(field + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-3>", "stochasticBits": 25 }""", "stochasticBits", "must be 0..24, not 25")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-3>", "stochasticBits": -1 }""", "stochasticBits", "must be 0..24, not -1")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-3>", "stochasticBits": 1.5 }""", "stochasticBits", "expected an integer, not 1.5")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-3>", "stochasticBits": "4" }""", "stochasticBits", "expected an integer, not \"4\"")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-3>", "stochasticBits": 3 }""", "ruleEntry", "must have the weight's 7 fractional bits plus stochasticBits 3 = 10 (the ROM word keeps 3 bits below the weight's LSB), not 11")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<13,2>", "stochasticBits": 4 }""", "ruleEntry", "must be at most the weight's 8 bits plus stochasticBits 4 = 12 wide, not 13")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-3>" }""", "ruleEntry", "must have the weight's 7 fractional bits (the ROM is in the weight's LSB scale), not 11")]
    public void FromJson_StochasticBitsAreChecked(string json, string field, string fragment)
    {
        var e = Assert.Throws<PrecisionConfigException>(() => PrecisionConfig.FromJson(json));
        Assert.Equal(field, e.Field);
        Assert.Equal($"{field}: {fragment}", e.Message);
    }

    [Fact]
    public void FromJson_StochasticBitsRoundTripAndDefaultToZero()
    {
        var sr = PrecisionConfig.FromJson("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-3,AP_RND_CONV,AP_SAT>", "stochasticBits": 4 }""");
        Assert.Equal(4, sr.StochasticBits);
        Assert.Equal(new QFormat(true, 8, 11), sr.RuleEntry.Format);
        Assert.Contains("\"stochasticBits\": 4", sr.ToJson(), StringComparison.Ordinal);
        Assert.Equal(sr, PrecisionConfig.FromJson(sr.ToJson()));

        // Absent means 0 and is not written: old files load and save byte for byte as before.
        Assert.Equal(0, PrecisionConfig.FromJson(DefaultJson).StochasticBits);
        Assert.DoesNotContain("stochasticBits", PrecisionConfig.Default.ToJson(), StringComparison.Ordinal);
        Assert.Equal(PrecisionConfig.Default, PrecisionConfig.FromJson("""{ "input": "ap_fixed<16,4,AP_RND_CONV,AP_SAT>", "weight": "ap_fixed<16,4,AP_RND_CONV,AP_SAT>", "activation": "ap_fixed<32,12,AP_RND_CONV,AP_SAT>", "ruleEntry": "ap_fixed<8,-4,AP_RND_CONV,AP_SAT>", "stochasticBits": 0 }"""));
    }

    [Theory]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-2>", "stochasticBits": 3, "stochasticStreams": "perRow" }""", "stochasticStreams", "perRow")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-2>", "stochasticBits": 3, "stochasticStreams": 1 }""", "stochasticStreams", "1")]
    [InlineData("""{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-7>", "stochasticStreams": "perNeuron" }""", "stochasticStreams", "perNeuron needs stochasticBits > 0")]
    public void FromJson_StochasticStreamsAreChecked(string json, string field, string fragment)
    {
        var e = Assert.Throws<PrecisionConfigException>(() => PrecisionConfig.FromJson(json));
        Assert.Equal(field, e.Field);
        Assert.StartsWith(field + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_StochasticStreamsRoundTripAndDefaultToSingle()
    {
        const string Sr = """{ "input": "sQ4.12", "weight": "sQ1.7", "activation": "sQ12.20", "ruleEntry": "ap_fixed<8,-3,AP_RND_CONV,AP_SAT>", "stochasticBits": 4""";
        var perNeuron = PrecisionConfig.FromJson(Sr + """, "stochasticStreams": "perNeuron" }""");
        Assert.Equal(StochasticStreams.PerNeuron, perNeuron.StochasticStreams);
        Assert.Contains("\"stochasticStreams\": \"perNeuron\"", perNeuron.ToJson(), StringComparison.Ordinal);
        Assert.Equal(perNeuron, PrecisionConfig.FromJson(perNeuron.ToJson()));

        // Absent or "single" mean the one stream of DESIGN.md §5, which is never written: old files save byte for byte.
        var single = PrecisionConfig.FromJson(Sr + " }");
        Assert.Equal(StochasticStreams.Single, single.StochasticStreams);
        Assert.Equal(single, PrecisionConfig.FromJson(Sr + """, "stochasticStreams": "single" }"""));
        Assert.DoesNotContain("stochasticStreams", single.ToJson(), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "configs", "precision-w8-sr.json")).TrimEnd(),
            PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", "precision-w8-sr.json")).ToJson().TrimEnd());
    }

    [Fact]
    public void ShippedConfigs_LoadAndValidate()
    {
        foreach (string name in new[] { "precision-w8-e6.json", "precision-w30-e12.json" })
        {
            Assert.Equal(0, PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", name)).StochasticBits);
        }

        var sr = PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", "precision-w8-sr.json"));
        Assert.True(sr.StochasticBits > 0);
        Assert.True(sr.Weight.Format.Width <= 8, "the 8-bit target's weights");
        Assert.True(sr.RuleEntry.Format.Width <= 8, "the 8-bit target's ROM words, stochastic bits included");
        Assert.Equal(StochasticStreams.Single, sr.StochasticStreams);

        // The synthetic task's 8-bit configs (20 and 100 hidden): every group's weights at most 8 bits, the recurrent
        // ones their own type.
        foreach (string name in new[] { "precision-synthetic-w8.json", "precision-synthetic-w8-100hidden.json" })
        {
            var synthetic = PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", name));
            Assert.All(synthetic.WeightTypes, t => Assert.True(t.Format.Width <= 8, t.ToString()));
            Assert.False(synthetic.UniformWeights);
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "configs", name)), synthetic.ToJson());
        }

        // The per-neuron twin differs from it in the streams only.
        var neurons = PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", "precision-w8-sr-neurons.json"));
        Assert.Equal(sr with { StochasticStreams = StochasticStreams.PerNeuron }, neurons);
    }

    [Fact]
    public void Load_PrefixesThePathAndKeepsTheField()
    {
        string path = Path.Combine(Path.GetTempPath(), $"precision-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, """{ "input": "sQ4.12", "weight": "sQ4.12", "activation": "sQ12.20", "ruleEntry": "sQ8.12" }""");
            var e = Assert.Throws<PrecisionConfigException>(() => PrecisionConfig.Load(path));
            Assert.Equal("ruleEntry", e.Field);
            Assert.Equal($"{path}: ruleEntry: must be at most the weight's 16 bits wide, not 20", e.Message);

            PrecisionConfig.Default.Save(path);
            Assert.Equal(PrecisionConfig.Default, PrecisionConfig.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Constructor_RejectsARuleEntryOutsideTheWeightsScale()
    {
        var e = Assert.Throws<PrecisionConfigException>(() => new PrecisionConfig(
            PrecisionConfig.Default.Input,
            PrecisionConfig.Default.Weight,
            PrecisionConfig.Default.Activation,
            FixedType.Parse("ap_fixed<8,-3,AP_RND_CONV,AP_SAT>")));
        Assert.Equal("ruleEntry", e.Field);
        Assert.Equal("ruleEntry: must have the weight's 12 fractional bits (the ROM is in the weight's LSB scale), not 11", e.Message);
    }

    [Fact]
    public void Constructor_RejectsARuleEntryWiderThanTheWeight()
    {
        var e = Assert.Throws<PrecisionConfigException>(() => new PrecisionConfig(
            PrecisionConfig.Default.Input,
            PrecisionConfig.Default.Weight,
            PrecisionConfig.Default.Activation,
            FixedType.Parse("ap_fixed<20,8,AP_RND_CONV,AP_SAT>")));
        Assert.Equal("ruleEntry: must be at most the weight's 16 bits wide, not 20", e.Message);
    }

    [Fact]
    public void With_IsCheckedByProblemAndValidate()
    {
        var c = PrecisionConfig.Default with { Activation = FixedType.Parse("ap_ufixed<32,12,AP_RND_CONV,AP_SAT>") };
        Assert.Equal("activation: must be signed (the input projection can be negative), not ap_ufixed<32,12,AP_RND_CONV,AP_SAT>", c.Problem);
        Assert.Throws<PrecisionConfigException>(c.Validate);
    }

    [Fact]
    public void Validate_NarrowActivationWithoutSatOrWrapNamesTheNeededIntegerBits()
    {
        // fan-in max(10, 20) = 20; |w|max = 2^15·2^-12 = 8; operand max(|x|max = 8, 2·|a|max = 2·2^31·2^-20 = 4096) = 4096;
        // 20·8·4096 = 655360 < 2^20, so a signed format needs 21 integer bits (2^20 = 1048576 holds it; 2^19 does not).
        var c = PrecisionConfig.Default with { Activation = FixedType.Parse("ap_fixed<32,12,AP_RND_CONV,AP_SAT_ZERO>") };
        Assert.Equal(21, c.RequiredActivationIntBits(Synthetic));
        var e = Assert.Throws<PrecisionConfigException>(() => c.Validate(Synthetic));
        Assert.Equal("activation", e.Field);
        Assert.Contains("it needs 21 integer bits, not 12", e.Message, StringComparison.Ordinal);
        Assert.Throws<PrecisionConfigException>(() => new FixedPatternNetwork(Synthetic, RuleWithZeros(), c));
    }

    [Theory]
    [InlineData("AP_SAT")]
    [InlineData("AP_WRAP")]
    public void Validate_SatOrWrapActivationOverflowsAsConfigured(string overflow)
    {
        var c = PrecisionConfig.Default with { Activation = FixedType.Parse($"ap_fixed<32,12,AP_RND_CONV,{overflow}>") };
        c.Validate(Synthetic);
    }

    [Fact]
    public void RequiredActivationIntBits_GrowsWithTheActivationItself()
    {
        // The recurrent operand is an activation: at 41 bits (21 integer) it reaches 2·2^40·2^-20 = 2^21, so the bound is
        // 20·8·2^21 < 2^29 and needs 30 integer bits; no width catches up while Hidden·|w|max ≥ 1/2.
        var c = PrecisionConfig.Default with { Activation = FixedType.Parse("ap_fixed<41,21,AP_RND_CONV,AP_SAT_SYM>") };
        Assert.Equal(30, c.RequiredActivationIntBits(Synthetic));
        Assert.Throws<PrecisionConfigException>(() => c.Validate(Synthetic));
    }

    [Fact]
    public void Validate_PassesWithAnyOverflowWhenWeightsAreSmallEnough()
    {
        // One input, one hidden neuron, |w|max = 2^7·2^-9 = 1/4: the bound 1/4·max(8, 2·2048) = 1024 fits 12 integer bits.
        var spec = new PatternNetworkSpec(Inputs: 1, Classes: 2, Hidden: 1, Cap: 1);
        var c = new PrecisionConfig(
            PrecisionConfig.Default.Input,
            FixedType.Parse("ap_fixed<8,-1,AP_RND_CONV,AP_SAT>"),
            FixedType.Parse("ap_fixed<32,12,AP_RND_CONV,AP_SAT_SYM>"),
            FixedType.Parse("ap_fixed<8,-1,AP_RND_CONV,AP_SAT>"));
        Assert.Equal(12, c.RequiredActivationIntBits(spec));
        c.Validate(spec);
    }

    [Fact]
    public void AccumulatorBits_CountsTheWidestExactSum()
    {
        // Inputs: 10·2^15·2^15 < 2^34; hidden and logits: 20·2^15·2^31 < 2^51; plus the sign bit.
        Assert.Equal(52, PrecisionConfig.Default.AccumulatorBits(Synthetic));
    }

    [Fact]
    public void FromJson_GroupWeightTypesRoundTripAndDefaultToTheWeight()
    {
        const string Base = """{ "input": "sQ4.4", "weight": "ap_fixed<8,0,AP_RND_CONV,AP_SAT>", "activation": "sQ10.14", "ruleEntry": "ap_fixed<16,0,AP_RND_CONV,AP_SAT>", "stochasticBits": 8""";
        var plain = PrecisionConfig.FromJson(Base + " }");
        Assert.True(plain.UniformWeights);
        Assert.Null(plain.RecurrentWeight);
        Assert.All(new[] { PatternLayouts.Input, PatternLayouts.Recurrent, PatternLayouts.Output }, g =>
        {
            Assert.Equal(plain.Weight, plain.WeightOf(g));
            Assert.Same(plain.RuleEntry, plain.EntryOf(g));
        });
        Assert.DoesNotContain("Weight\"", plain.ToJson(), StringComparison.Ordinal);

        var grouped = PrecisionConfig.FromJson(Base + """, "recurrentWeight": "ap_fixed<8,-4,AP_TRN,AP_WRAP>", "outputWeight": "ap_fixed<8,2,AP_RND_CONV,AP_SAT>" }""");
        Assert.False(grouped.UniformWeights);
        Assert.Equal(grouped.Weight, grouped.WeightOf(PatternLayouts.Input));
        Assert.Equal("ap_fixed<8,-4,AP_TRN,AP_WRAP>", grouped.WeightOf(PatternLayouts.Recurrent).ToString());
        Assert.Equal("ap_fixed<8,2,AP_RND_CONV,AP_SAT>", grouped.WeightOf(PatternLayouts.Output).ToString());

        // Each table's ROM words: ruleEntry's width and modes in its own weights' LSB scale (their 12 or 6 fractional bits, plus s = 8).
        Assert.Equal("ap_fixed<16,-4,AP_RND_CONV,AP_SAT>", grouped.EntryOf(PatternLayouts.Recurrent).ToString());
        Assert.Equal("ap_fixed<16,2,AP_RND_CONV,AP_SAT>", grouped.EntryOf(PatternLayouts.Output).ToString());
        Assert.Same(grouped.RuleEntry, grouped.EntryOf(PatternLayouts.Input));

        string json = grouped.ToJson();
        Assert.Contains("\"recurrentWeight\": \"ap_fixed<8,-4,AP_TRN,AP_WRAP>\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("inputWeight", json, StringComparison.Ordinal);
        Assert.Equal(grouped, PrecisionConfig.FromJson(json));
        Assert.Throws<ArgumentException>(() => grouped.WeightOf("hidden"));
    }

    [Theory]
    [InlineData("\"recurrentWeight\": \"uQ1.7\"", "recurrentWeight", "must be signed")]
    [InlineData("\"outputWeight\": \"sQ1.5\"", "outputWeight", "must be at least ruleEntry's 16 bits minus stochasticBits 8 wide")]
    [InlineData("\"inputWeight\": \"sQ1.x\"", "inputWeight", "")]
    [InlineData("\"inputWeight\": 8", "inputWeight", "")]
    [InlineData("\"recurrentWeight\": \"sQ1.7\", \"recurrentWeight\": \"sQ1.7\"", "recurrentWeight", "appears twice")]
    [InlineData("\"hiddenWeight\": \"sQ1.7\"", "hiddenWeight", "")]
    public void FromJson_GroupWeightTypesAreChecked(string fields, string field, string fragment)
    {
        string json = """{ "input": "sQ4.4", "weight": "sQ1.7", "activation": "sQ10.14", "ruleEntry": "ap_fixed<16,1>", "stochasticBits": 8, """ + fields + " }";
        var e = Assert.Throws<PrecisionConfigException>(() => PrecisionConfig.FromJson(json));
        Assert.Equal(field, e.Field);
        Assert.StartsWith(field + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireUniformWeights_NamesTheGroupField()
    {
        PrecisionConfig.Default.RequireUniformWeights("The precision sweep");
        var same = PrecisionConfig.Default with { OutputWeight = PrecisionConfig.Default.Weight };
        same.RequireUniformWeights("The precision sweep"); // a group type equal to the weight's is one type
        var grouped = PrecisionConfig.Default with { OutputWeight = FixedType.Parse("ap_fixed<16,2,AP_RND_CONV,AP_SAT>") };
        var e = Assert.Throws<PrecisionConfigException>(() => grouped.RequireUniformWeights("The precision sweep"));
        Assert.Equal("outputWeight", e.Field);
        Assert.Contains("The precision sweep takes one weight type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AccumulatorBits_AndActivationBound_TakeEachGroupsType()
    {
        // A 32-bit output type (|w|max 2^31 raw) widens the logits' exact sum: 20·2^31·2^31 < 2^67, plus the sign bit.
        var wide = PrecisionConfig.Default with { OutputWeight = FixedType.Parse("ap_fixed<32,20,AP_RND_CONV,AP_SAT>") };
        Assert.Equal(68, wide.AccumulatorBits(Synthetic));

        // The activation bound reads the input and recurrent types (never the output one): a wider recurrent type needs more.
        var narrow = PrecisionConfig.Default with { Activation = FixedType.Parse("ap_fixed<32,12,AP_RND_CONV,AP_SAT_SYM>") };
        int needed = narrow.RequiredActivationIntBits(Synthetic);
        Assert.Equal(needed, (narrow with { OutputWeight = FixedType.Parse("ap_fixed<32,20,AP_RND_CONV,AP_SAT>") }).RequiredActivationIntBits(Synthetic));
        Assert.True((narrow with { RecurrentWeight = FixedType.Parse("ap_fixed<20,8,AP_RND_CONV,AP_SAT>") }).RequiredActivationIntBits(Synthetic) > needed);
    }

    private static PatternRule RuleWithZeros() => new(3, 0.01, [.. new double[256]], null, null);
}

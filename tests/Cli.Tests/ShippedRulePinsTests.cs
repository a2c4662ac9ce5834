using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Neuro.Cli;

/// <summary>
/// Every rule shipped in <c>rules/</c> (first-format files) behaves exactly as before the rule layouts (issue 15): it
/// simulates to the same weight and prediction hashes in float and in fixed point, and exports byte-identical ROM images
/// and Verilog. The pins were taken with the code before the layouts (commit edc178e) by the commands in
/// <see cref="Simulate"/> and <see cref="ExportDigest"/>.
/// </summary>
public sealed class ShippedRulePinsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuro-pins-").FullName;

    public static TheoryData<string, string, string, string, string, string> Pins => new()
    {
        { "hand-delta-r3", "57f2d5f159704e98e67440607a6fcbf9766cc897e595ee93060717de0865ac33", "22b297276a0c803cf168df183bc5a150c88fe74c4de28df957715b3c8422463d", "326bbcc11558ef4e85a9c0d4999cdaf1aab79b7932487f5af27a84e5b78c8d4e", "520b8dae175528d558af395406273eb222a3310fb34c7a5e49154e891d45a21f", "28edf056792b04514df185a597c12c1faeb5b8de74872952d14073f0b39fad18" },
        { "hand-hebbian-perceptron-r0", "bafa2081013086a5f5f68be05d9d2f8c7df98c87db6af85ae0e63c9e2cd658b0", "2b9da93443565bd17bf12502c8ee4cf9a8ef8e264bb39a29d6b4739868a4dc57", "902211660245077aaf9a65e6847802455fa332f252cbab1ed61017efc0c52854", "b150bb3f47378a9e634fa35ad000d151646da59937d216c7403d3bc01f3ba38a", "cc611be3d41b7552f963cd9e0bcce076c457d0bd168c90d27bb6fc29f4cdd552" },
        { "mnist-es", "15e57985493df0ee7af4fc902610900a75959d5be9f0f708df92f04df816cec5", "b7e4846687cbcafb1e6eb50650d98bd1363b34a3a720ddd292f8b6ad2aa47970", "aa16b0dfbabe1666c9a855549534374b4c10386f3bd3b53246c36dcc1ed9c157", "1c98848ed54bd3e2f8276bca4a57c94ec440984722dc900cfcbb40c3c7dd5a29", "cc71fa525459f2f2854f4227bfeb3bb0ca3dc1be908edba39bc8bd629b071f0f" },
        { "synthetic-es", "736b662d61a1be7ea07f675c8331e86a12846dc0d9e86846250227d0e1a76826", "8c430ead5789a03164a83afb0301f435d33561ca5673f0b6025065de8f6843f7", "38393c6d1c7566cdeb87940a57ba2b3819f49d36303c0450c4dee71521dbe7fe", "148785d448c93a6a651f26d0efca9a591fa12a1cee875221fa598af0e3f9d1f8", "13ad045c33a2840130ec5d51e58d3f700adaedc48e76aae6f1ce50e67787e311" },
        { "synthetic-es-100hidden", "0957ce7306f40a28deeb345afaaa2346fd2fdf55231f0b61ad311ae1c15ce45a", "14280ce6a4fe1b59c57a66aa1c14af525a7889fd87ef1ccc4204d4f567399a71", "5837e6f57e8d805cbced56edbbcab342aaffda2e8f930531748efba3cf6ad369", "40fe573be1907350527856c349d94287a97c905e12db73ebdec93549d6ca6eb2", "2ce5f60e133f305f8f269fb20264d85e038ef9d7978603bab4e28dc198adb5ef" },
        { "synthetic-es-100hidden-3pass", "a8d8f441b8fe287b8d7af6682ac1cc19ff2d30bf373d93e590c529d9b3c5ec40", "3f6303dec9c9bef4c0abd37646f170d03ce2da868299b441ed1044e31e296574", "e1a85232990bdf388cf57016ebcb31d94bede082537d094aa24be97a88b07943", "468b92316e41580a3a8dbe97fc2ab0d7d410b527efb18d2b19f86956097e842f", "6795d3f5d363e3fc2d0cc61ffa7f65d326bd72e5ed0085372a6274146bb0539d" },
        { "synthetic-es-always", "7b2abb15e28fd671377f148e642c41cdee576a21f0a00a8512c3ab991f7308ca", "a408dfd721da5a2610d517aaec27485e3cf370b23f62af9176c864542f521fcc", "ead551b1cbdde02acb28f627ae60102a103aa91d40f3f8cb7f161f5c270c98eb", "d84d86169539f0b2332bbf274853c1329e391d02180d77f2dc82914d442a70dd", "739418bcca57efb43093c62aca833c390e42b66b64362e268128ab8058075309" },
        { "synthetic-es-smalleta", "7f622e40783200a4b12514f7d4c6ef2389bbedadecd770a3d0c6b11d282af062", "a51d2e1429d12dff686b5396970d939fd60760925b66fa656c0c1d4dbe1d7ea0", "5dc3d69e73cebf2cfec01768afc0bfa6b5185ab0e35650987d4f1a0b4effa621", "058ba4dbb0fe0098ae02ed8af07b5977af1e1d8235e0dcb2d5b8ef6ff6484177", "d1719890d1b76a0f35786f4c5f126a1dcb8214fc424a62269181963c689dd10b" },
        { "synthetic-es-w8e6", "2390070870f0e0b73f9f36f06626774fb5176f689a40934b6f84cc286ed22bd8", "f19f1ba5c480d2640a91f143f5eab04c900a7c3ad5b3c242d6753145b1a73b11", "21ba1c5bbe6b0616e14f6b2da315cfb3c3006f082688b80e6879ac895b90db11", "0142fa3179b2ce6e12d267a3a8fc805df87df2deac10c3c3ee32b18031a45de7", "611a3deb58f7abd57ea6dba700aaae147573b7943dd6b3b6f08a6cf3e1609edc" },
    };

    /// <summary>
    /// The second-format pattern rules: hashes of <see cref="Simulate"/> in float and at the precision config they were
    /// made for (the margin/phase rules of issue 15 at <c>precision-default-sr8</c>, <c>hand-perceptron-w8</c> and
    /// <c>mnist-best-w8</c> at their 8-bit stochastic-rounding config, the synthetic <c>-w8</c> rules at their per-group
    /// 8-bit configs, <c>synthetic-best-100hidden-w8</c> at both, <c>synthetic-best-20hidden-avg</c> and <c>synthetic-best-100hidden</c> (output average) at
    /// <c>precision-default-sr8</c> and at <c>precision-default-sr8-fine-recurrent</c>, the config they are judged at, and
    /// <c>synthetic-best-20hidden</c> (output average and pre level) at the latter), so that a change to the layout code
    /// that moves their results is seen. In float
    /// <c>hand-perceptron-w8</c> predicts exactly as <c>hand-hebbian-perceptron-r0</c> (same tables, another eta; the output
    /// weights start at zero, so the argmax does not see the scale): its float predictions hash equals that pin's.
    /// </summary>
    public static TheoryData<string, string, string, string, string, string> LayoutPins => new()
    {
        { "hand-perceptron-w8", "precision-w8-sr", "3d8dbd301244fd998c6bf85fa137d65d21fb5ce4f1e79410c4d0d14818735b68", "2b9da93443565bd17bf12502c8ee4cf9a8ef8e264bb39a29d6b4739868a4dc57", "c607b27f64e38a14f11db28f1c00b83f05463cdbdd24497389bf5c966f3b7f73", "c726157c45028f38531e4dc1d30b9b717459e49fef31b6e3a873d07fd4c59568" },
        { "mnist-best-w8", "precision-w8-sr", "f90120fb05a7cfd3e61135cf0fc788b05c00959a1ea7ca7149e0f815a1ba4589", "28e9848c685317122cdf35b842065279cfad67dae39aecc7771b1ad5472201fc", "d1abe87d4a255dc179fc38b7bca2af5d0f0f987074d6a80d2ba4fabd18fd7def", "9514da2b82b58d5334366c60c9f56c25c2cc97dbe1f47c1e07edea8f71d5dd25" },
        { "synthetic-best-20hidden", "precision-default-sr8-fine-recurrent", "ae4409011271ea957b9629f051e570bad141be2c573a176f211908831f2b90d9", "d4bfd327c2e5216fb0d8fdec98accc63b44c5b4a7bf1ec3a7a875520e9bf309d", "d14c1ddba2e815f150c1208fc8a60806568d459555fbcbaf7b651e582500def1", "dd8e8d772ea071f5d337e9e97edeb3c1748aa32de21b89d8e3ebc1887f190553" },
        { "synthetic-best-20hidden-margin", "precision-default-sr8", "8408fec9eb9d4e1b16053a02f8cd92f7ff604c12bfea6e243b5ba885e0d19f4b", "b29d23a1715e60be5b31e10d6f8ac721754f9bc8a4a855350fe3a6b465947bd0", "d12adf39c3390d0994507699dd2b9c805039496ac9d8c2411db45b3caa093bfc", "f7a7e223075b66f1ea0833791c676819d267f3b91b18ad4843c80939d3fcee99" },
        { "synthetic-best-20hidden-avg", "precision-default-sr8", "ff6d2f4403b5fb064d9ae03e20864b056ff7c6603a2beea612f5f2c7dc309c16", "9e0ca2e644bb7ebf904e7960ee6ea7f575263ad848027230aee6ff570b2c8961", "69ac4c800087f2fc4f6146880d4a99662b54926f0dc924112b948be034c3890e", "d501c3c4a6205ee87ff471171796d35abbfc4bbced0710cf00dd00e328984f73" },
        { "synthetic-best-20hidden-avg", "precision-default-sr8-fine-recurrent", "ff6d2f4403b5fb064d9ae03e20864b056ff7c6603a2beea612f5f2c7dc309c16", "9e0ca2e644bb7ebf904e7960ee6ea7f575263ad848027230aee6ff570b2c8961", "e4a32f645c20b9a7420d24678f4f6862096ed2ba780351db518844324efa379e", "3f7e3fd7f2da97274bf825cdee8a66f37159292471b76013f35a3ee416d1a644" },
        { "synthetic-best-20hidden-w8", "precision-synthetic-w8", "4a01a70d1213258822fe27f9d18a680be09086eacf6b08d05ffca00b4c8e3fed", "625e86364651d7a3f80ce973e467d35cd23a8a0abd4c22becc3673ce8d225910", "facd578ca1a56f2501729b872940d02931db0b638e3eb33dff99e9577dbe8b96", "33f6119ce72d8b4b8bdae9c026f2e03b8193a5472c7aa3ba679ddce5b8034a45" },
        { "synthetic-best-100hidden-w8", "precision-synthetic-w8", "e59acd40b6d1cc78132be5f128513489434237f22c5b669a1398583e6c650ce0", "54921f4215a4cf8529b86ab15eda9c32acbf48be2494ec8b0bbf801ff075f3a6", "b6aa89027bf9ca6242b7731df9d0a50443668b443d5f27eb1f1393b6589025ad", "198aaea6effde3a98fedc52672cccd11c7d71136b8bc26cdd9a7eaca02db264a" },
        { "synthetic-best-100hidden-w8", "precision-synthetic-w8-100hidden", "e59acd40b6d1cc78132be5f128513489434237f22c5b669a1398583e6c650ce0", "54921f4215a4cf8529b86ab15eda9c32acbf48be2494ec8b0bbf801ff075f3a6", "60b88718ab010d42004322ed872f8a7fbcccf62b86690388a7dc4a26614a5103", "b4596fa2903bf82bef6c54d34885653824b43e454b9ca25a8ef377c8938117fc" },
        { "synthetic-best-100hidden", "precision-default-sr8", "1b2604905473d5184ca8fb7de2afbce7c047cc28aafdaced87c3029f3f2f3eaf", "4c49ba419c6d5dc96d83c7f59db45417a439ae1874a1371c90006138be9dc3f4", "7bd0ee40d3a365651ea14eb8c2110b9af068621ad4fbfa81c41077607a88b168", "944f48966ab5c13d24f13869dda98eef67bd036651b2f956ac6baaa56d9b3037" },
        { "synthetic-best-100hidden", "precision-default-sr8-fine-recurrent", "1b2604905473d5184ca8fb7de2afbce7c047cc28aafdaced87c3029f3f2f3eaf", "4c49ba419c6d5dc96d83c7f59db45417a439ae1874a1371c90006138be9dc3f4", "1077c3e782c522ea433287296603f91c7f5a4ad91ccf8e3ff643c26282582e53", "a6bfc14d6135f85f81110becb9613287e2aa84c8da58ddca06aa7b1b7022c6e7" },
        { "synthetic-best-100hidden-margin", "precision-default-sr8", "f6b158562a39763b0cb3ea43fecea470dcbdfc3b1865a1ea7e3944fc2deadcbf", "a551625367a7c1aaecbae5b8c16a4f61201a15bd8b2ab0bc9f20f3991d1ee748", "43a0e4fcfca5fc8d7876c6af36f5d1acf95dd7e26450ae4bf6a633e64bff2e38", "02807004e370382549dfc96f4bcb342a13eb0b0c9e04a8ca669419b41cb6ea42" },
    };

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void LayoutPins_CoverEverySecondFormatPatternRule() =>
        Assert.Subset(LayoutPins.Select(row => (string)row[0]).ToHashSet(), ShippedPatternRules(secondFormat: true).ToHashSet());

    [Theory]
    [MemberData(nameof(LayoutPins))]
    public void ShippedLayoutRule_SimulatesAsWhenShipped(string name, string config, string floatWeights, string floatPredictions, string fixedWeights, string fixedPredictions)
    {
        string rule = Path.Combine(RepoPaths.Root, "rules", name + ".json");

        Assert.Equal((floatWeights, floatPredictions), Simulate(rule));
        Assert.Equal((fixedWeights, fixedPredictions), Simulate(rule, "--precision", Path.Combine(RepoPaths.Root, "configs", config + ".json")));
    }

    [Fact]
    public void Pins_CoverEveryFirstFormatRule() =>
        Assert.Subset(Pins.Select(row => (string)row[0]).ToHashSet(), ShippedPatternRules(secondFormat: false).ToHashSet());

    /// <summary>The names of the pattern rules in <c>rules/</c> in the first format (no <c>format</c> member) or the second.</summary>
    private static IEnumerable<string> ShippedPatternRules(bool secondFormat)
    {
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "rules"), "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (doc.RootElement.TryGetProperty("family", out var family) && family.GetString() == "pattern" && doc.RootElement.TryGetProperty("format", out _) == secondFormat)
            {
                yield return Path.GetFileNameWithoutExtension(file);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pins))]
    public void ShippedRule_SimulatesAndExportsAsBefore(string name, string floatWeights, string floatPredictions, string fixedWeights, string fixedPredictions, string export)
    {
        string rule = Path.Combine(RepoPaths.Root, "rules", name + ".json");

        Assert.Equal((floatWeights, floatPredictions), Simulate(rule));
        Assert.Equal((fixedWeights, fixedPredictions), Simulate(rule, "--precision", Path.Combine(RepoPaths.Root, "configs", "precision-w30-e12.json")));
        Assert.Equal(export, ExportDigest(rule));
    }

    /// <summary><c>neuro simulate --rule RULE --task synthetic --seed 3 [--precision …] --json</c>: the two digests.</summary>
    private static (string, string) Simulate(string rule, params string[] extra)
    {
        var r = NeuroRunner.Run(["simulate", "--rule", rule, "--task", "synthetic", "--seed", "3", .. extra, "--json"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        return (doc.RootElement.GetProperty("weightsSha256").GetString()!, doc.RootElement.GetProperty("predictionsSha256").GetString()!);
    }

    /// <summary>
    /// <c>neuro export --rule RULE --precision configs/precision-w30-e12.json --out DIR</c>, then the SHA-256 of
    /// <c>sha256sum</c>'s listing of the files such an export held before the layouts: the rule-ROM images and edge lists
    /// (<c>rom/neuro_{hidden,input,output}.{mem,coe,mif,bin}</c>, <c>rom/neuro_*_edges.mem</c>) and the plasticity engine's
    /// Verilog (<c>rtl/neuro_engine.v</c>, <c>rtl/neuro_plasticity_unit.v</c>, <c>rtl/neuro_rom.v</c>), sorted by path.
    /// </summary>
    private string ExportDigest(string rule)
    {
        string output = Path.Combine(dir, Path.GetFileNameWithoutExtension(rule));
        var r = NeuroRunner.Run(["export", "--rule", rule, "--precision", Path.Combine(RepoPaths.Root, "configs", "precision-w30-e12.json"), "--out", output]);
        Assert.Equal(0, r.ExitCode);
        var files = Directory.EnumerateFiles(Path.Combine(output, "rom")).Select(f => Path.GetRelativePath(output, f))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), @"^neuro_(hidden|input|output)(\.(mem|coe|mif|bin)|_edges\.mem)$"))
            .Concat(["rtl/neuro_engine.v", "rtl/neuro_plasticity_unit.v", "rtl/neuro_rom.v"])
            .Select(f => f.Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var listing = new StringBuilder();
        foreach (string f in files)
        {
            listing.Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(output, f))))).Append("  ").Append(f).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }
}

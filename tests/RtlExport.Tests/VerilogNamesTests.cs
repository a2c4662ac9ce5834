using Xunit;

namespace Neuro.RtlExport;

public sealed class VerilogNamesTests
{
    [Theory]
    [InlineData("neuro")]
    [InlineData("_x9")]
    [InlineData("Learn_Engine_2")]
    public void Validate_SafeName_ReturnsIt(string name) => Assert.Equal(name, VerilogNames.Validate(name));

    [Theory]
    [InlineData("", "a name is required")]
    [InlineData("9lives", "it must start with an ASCII letter or '_'")]
    [InlineData("a$b", "it contains '$'; only ASCII letters, digits and '_' are allowed")]
    [InlineData("../evil", "it must start with an ASCII letter or '_'")]
    [InlineData("a/b", "it contains '/'; only ASCII letters, digits and '_' are allowed")]
    [InlineData("a b", "it contains ' '; only ASCII letters, digits and '_' are allowed")]
    [InlineData("module", "it is a Verilog/SystemVerilog keyword")]
    [InlineData("logic", "it is a Verilog/SystemVerilog keyword")]
    [InlineData("ünï", "it must start with an ASCII letter or '_'")]
    public void Validate_UnsafeName_ThrowsNamingItAndWhy(string name, string why)
    {
        var e = Assert.Throws<RtlExportException>(() => VerilogNames.Validate(name));
        Assert.Equal($"'{name}' is not a safe Verilog module name: {why}", e.Message);
    }

    [Fact]
    public void Validate_TooLong_Throws()
    {
        string name = new('a', VerilogNames.MaxLength + 1);
        var e = Assert.Throws<RtlExportException>(() => VerilogNames.Validate(name));
        Assert.Equal($"'{name}' is not a safe Verilog module name: it has 41 characters, more than 40", e.Message);
    }
}

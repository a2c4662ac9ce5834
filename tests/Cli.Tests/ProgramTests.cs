using Xunit;

namespace Neuro.Cli;

public class ProgramTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("fixed", "--help")]
    [InlineData("fixed", "-h")]
    [InlineData("demo", "--help")]
    public void Run_HelpExitsZero(params string[] args)
    {
        var result = NeuroRunner.Run(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("fixed", "--bogus")]
    [InlineData("demo", "--bogus")]
    [InlineData("demo", "--seed", "x")]
    public void Run_BadUsageIsOneErrorLineAndExitTwo(params string[] args)
    {
        var result = NeuroRunner.Run(args);

        Assert.Contains("--help", result.SingleErrorLine(2), StringComparison.Ordinal);
    }
}

using BenchmarkDotNet.Running;

namespace Neuro.Bench;

/// <summary>Runs the benchmarks named on the command line, e.g. <c>--filter '*Quantize*' --job short</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

using System.Collections.Immutable;

namespace Neuro.RtlExport;

/// <summary>One testbench's outcome as parsed from its output.</summary>
/// <param name="Module">The testbench module.</param>
/// <param name="Passed">True only when the simulator exited with 0, the summary line says PASS, checks are positive and no mismatch was reported.</param>
/// <param name="Checks">Words compared (from the summary line; 0 when there is none).</param>
/// <param name="Mismatches">Words that differed from the model.</param>
/// <param name="MismatchLines">The <c>NEURO_MISMATCH</c> lines (what, address, expected, got), in order.</param>
/// <param name="Stats">Other <c>key=value</c> numbers of the summary line (the engine's <c>updates</c>, <c>cycles</c>, <c>samples</c>).</param>
/// <param name="ExitCode">The simulator's exit code (or the compiler's when compiling failed).</param>
/// <param name="Log">The compiler's and simulator's output.</param>
public sealed record TestbenchResult(
    string Module,
    bool Passed,
    long Checks,
    long Mismatches,
    ImmutableArray<string> MismatchLines,
    ImmutableDictionary<string, long> Stats,
    int ExitCode,
    string Log);

namespace Neuro.FixedPointSim.Patterns;

/// <summary>Running maximum absolute value and sum of squares of a stream of errors.</summary>
internal sealed class ErrorAccumulator
{
    /// <summary>Number of errors added.</summary>
    public long Count { get; private set; }

    /// <summary>Largest <c>|e|</c> so far; 0 before the first.</summary>
    public double MaxAbs { get; private set; }

    /// <summary>Σ e².</summary>
    public double SumSquares { get; private set; }

    /// <summary><c>sqrt(Σ e² / n)</c>; 0 before the first.</summary>
    public double Rms => Count == 0 ? 0 : Math.Sqrt(SumSquares / Count);

    /// <summary>Adds one error.</summary>
    public void Add(double error)
    {
        Count++;
        SumSquares += error * error;
        MaxAbs = Math.Max(MaxAbs, Math.Abs(error));
    }

    /// <summary>A copy of the current state.</summary>
    public ErrorAccumulator Snapshot() => new() { Count = Count, MaxAbs = MaxAbs, SumSquares = SumSquares };
}

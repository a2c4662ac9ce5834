using BenchmarkDotNet.Attributes;

namespace Neuro.Bench;

/// <summary>Adds <see cref="ValuesPerSecondColumn"/> to a benchmark class's summary.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ValuesPerSecondColumnAttribute : ColumnConfigBaseAttribute
{
    public ValuesPerSecondColumnAttribute()
        : base(new ValuesPerSecondColumn())
    {
    }
}

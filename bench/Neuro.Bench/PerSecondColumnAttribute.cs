using BenchmarkDotNet.Attributes;

namespace Neuro.Bench;

/// <summary>Adds a <see cref="PerSecondColumn"/> to a benchmark class's summary.</summary>
/// <param name="columnName">The header, e.g. <c>Values/s</c>.</param>
/// <param name="legend">What the column counts.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class PerSecondColumnAttribute(string columnName, string legend) : ColumnConfigBaseAttribute(new PerSecondColumn(columnName, legend))
{
}

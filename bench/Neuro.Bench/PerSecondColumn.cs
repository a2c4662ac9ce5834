using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Neuro.Bench;

/// <summary>
/// Throughput column <c>1e9 / mean ns per operation</c>, named for what one operation is: with
/// <c>OperationsPerInvoke = N</c> one operation is one value (<c>Values/s</c>), one sample (<c>Samples/s</c>), and so on.
/// </summary>
/// <param name="columnName">The header, e.g. <c>Values/s</c>.</param>
/// <param name="legend">What the column counts, for the legend under the table.</param>
public sealed class PerSecondColumn(string columnName, string legend) : IColumn
{
    public string Id => $"{nameof(PerSecondColumn)}.{ColumnName}";

    public string ColumnName { get; } = columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 100;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; } = legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || statistics.Mean <= 0)
        {
            return "NA";
        }

        double perSecond = 1e9 / statistics.Mean;
        return perSecond >= 1e6 ? string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:N1} M")
            : perSecond >= 1e3 ? string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e3:N1} k")
            : string.Create(CultureInfo.InvariantCulture, $"{perSecond:N1}");
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}

using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Neuro.Bench;

/// <summary>
/// Throughput column <c>Values/s = 1e9 / mean ns per operation</c>; with <c>OperationsPerInvoke = N</c> one operation is one value.
/// </summary>
public sealed class ValuesPerSecondColumn : IColumn
{
    public string Id => nameof(ValuesPerSecondColumn);

    public string ColumnName => "Values/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 100;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Values converted per second: 1e9 / mean time per value in ns";

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
        return perSecond >= 1e6
            ? string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:N1} M")
            : string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e3:N1} k");
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}

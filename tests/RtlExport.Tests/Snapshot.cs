using System.Text;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// Snapshot files in Verify's conventions (STYLE.md 10): <c>Snapshots/{Class}.{Method}_{name}.verified.{ext}</c> next to
/// the tests. A mismatch (or a missing verified file) writes <c>*.received.{ext}</c> and fails with a diff of the first
/// differing lines; <c>NEURO_ACCEPT_SNAPSHOTS=1</c> accepts what was received.
/// </summary>
internal static class Snapshot
{
    /// <summary>The folder holding the verified files.</summary>
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "RtlExport.Tests", "Snapshots");

    /// <summary>Compares <paramref name="actual"/> with <c>{name}.verified.{extension}</c>.</summary>
    public static void Verify(string name, string extension, string actual)
    {
        string verified = Path.Combine(Folder, $"{name}.verified.{extension}");
        string received = Path.Combine(Folder, $"{name}.received.{extension}");
        string? expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(Folder);
        if (Environment.GetEnvironmentVariable("NEURO_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual, new UTF8Encoding(false));
        Assert.Fail(expected is null
            ? $"No snapshot {verified}; wrote {received} (accept with NEURO_ACCEPT_SNAPSHOTS=1)"
            : $"Snapshot {verified} differs; wrote {received} (accept with NEURO_ACCEPT_SNAPSHOTS=1):\n{Diff(expected, actual)}");
    }

    /// <summary>A unified-style diff of the first differing region (a few lines of context, at most 20 changed lines).</summary>
    internal static string Diff(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        int first = 0;
        while (first < a.Length && first < b.Length && a[first] == b[first])
        {
            first++;
        }

        var text = new StringBuilder();
        int from = Math.Max(0, first - 3);
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"@@ line {first + 1} @@\n");
        for (int i = from; i < first; i++)
        {
            text.Append(' ').Append(a[i]).Append('\n');
        }

        for (int i = first; i < Math.Min(a.Length, first + 20); i++)
        {
            text.Append('-').Append(a[i]).Append('\n');
        }

        for (int i = first; i < Math.Min(b.Length, first + 20); i++)
        {
            text.Append('+').Append(b[i]).Append('\n');
        }

        return text.ToString();
    }
}

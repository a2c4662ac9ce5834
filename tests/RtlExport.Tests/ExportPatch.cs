using System.Security.Cryptography;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>Edits a file of an export folder the way a mutation test needs: the text must occur exactly as often as stated
/// (so a patch that no longer applies fails loudly), and the manifest's SHA-256 of the file follows the edit.</summary>
internal static class ExportPatch
{
    /// <summary>Replaces <paramref name="old"/> (occurring exactly <paramref name="count"/> times) with <paramref name="replacement"/>.</summary>
    public static void Replace(string dir, string relative, string old, string replacement, int count = 1)
    {
        string path = Path.Combine(dir, relative);
        string text = File.ReadAllText(path);
        int found = (text.Length - text.Replace(old, "", StringComparison.Ordinal).Length) / old.Length;
        Assert.True(found == count, $"{relative}: expected {count} occurrence(s) of the patched text, found {found}:\n{old}");
        Rewrite(dir, relative, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    /// <summary>Writes <paramref name="text"/> to the file and updates its SHA-256 in manifest.json.</summary>
    public static void Rewrite(string dir, string relative, string text)
    {
        string path = Path.Combine(dir, relative);
        string before = Sha(File.ReadAllBytes(path));
        File.WriteAllText(path, text);
        string manifest = Path.Combine(dir, HardwareExporter.ManifestName);
        string entry = $"\"path\": \"{relative}\",\n      \"kind\": ";
        string json = File.ReadAllText(manifest);
        int at = json.IndexOf(entry, StringComparison.Ordinal);
        Assert.True(at >= 0, $"manifest.json has no entry for {relative}");
        int sha = json.IndexOf(before, at, StringComparison.Ordinal);
        File.WriteAllText(manifest, json[..sha] + Sha(File.ReadAllBytes(path)) + json[(sha + before.Length)..]);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

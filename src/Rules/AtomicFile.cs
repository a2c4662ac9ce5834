using System.Text;
using System.Text.RegularExpressions;

namespace Neuro.Rules;

/// <summary>Writes files so a reader (or a crash, or Ctrl-C) never sees half a file: write a temporary sibling, then rename.</summary>
/// <remarks>
/// The temporary is <c>.NAME.PID.GUID.tmp</c> beside the file. A process killed between writing and renaming leaves it
/// behind; <see cref="RemoveStaleTemporaries"/> removes such files from a folder its caller holds the lock of.
/// </remarks>
public static partial class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/> (UTF-8, no BOM) atomically.</summary>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>, never the temporary.</exception>
    /// <exception cref="UnauthorizedAccessException">Its folder is not writable; the message names <paramref name="path"/>.</exception>
    public static void WriteAllText(string path, string contents) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(contents));

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/> atomically.</summary>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>, never the temporary.</exception>
    /// <exception cref="UnauthorizedAccessException">Its folder is not writable; the message names <paramref name="path"/>.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"Cannot write '{path}': it is a folder");
        }

        string dir = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException($"Cannot write '{path}': permission denied in '{dir}'", e);
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DirectoryNotFoundException($"Cannot write '{path}': files cannot be created in '{dir}'", e);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot write '{path}': {e.Message.Replace(temp, full, StringComparison.Ordinal)}", e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Deletes the temporaries that writers killed mid-write left in <paramref name="directory"/> (not in its subfolders);
    /// call it only while holding the folder's lock, so no live writer's temporary is touched.
    /// </summary>
    /// <returns>The number of files deleted.</returns>
    public static int RemoveStaleTemporaries(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            if (TemporaryName().IsMatch(Path.GetFileName(file)))
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }

    [GeneratedRegex(@"^\..+\.[0-9]+\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();
}

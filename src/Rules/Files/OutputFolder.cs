using System.Text;
using System.Text.Json;

namespace Neuro.Rules.Files;

/// <summary>
/// A folder a verb writes its results into, safely (DESIGN.md §7; docs/command-line.md): a verb never overwrites a
/// non-empty folder it did not create unless told to (<c>force</c>); it writes into a sibling staging folder
/// <c>.NAME.neuro-staging</c> and renames that into place when it is done (<see cref="Commit"/>), so a failure leaves the
/// old folder or nothing; and a folder being written is locked, so a second run on it is refused while the first runs.
/// </summary>
/// <remarks>
/// <para>The lock is the marker file <c>.neuro-output</c> inside the folder (<see cref="MarkerFile"/>), which also says
/// which verb wrote the folder (<c>{"format":"neuro-output/1","verb":"export"}</c>). The writer holds it open with
/// <see cref="FileShare.None"/> (an exclusive <c>flock</c> on Unix, which the kernel drops when the process dies, even by
/// <c>kill -9</c>); the marker is never deleted, so no second run can lock a fresh file while the first still holds the
/// old one. The staging folder's marker moves with it into place on commit, lock and all.</para>
/// <para>Commit: when the target exists it is renamed to <c>.NAME.neuro-old</c> (under its own lock), the staging folder
/// renamed to the target, and the old folder deleted. A process killed between the two renames leaves
/// <c>.NAME.neuro-old</c> and no target; the next <see cref="Stage"/> on that name renames it back. A staging folder left
/// by a killed run is unlocked, so the next run on the name empties and reuses it.</para>
/// <para>A run folder that grows over a long run (<c>neuro evolve</c>) is staged until it holds its first checkpoint,
/// committed, and then written in place under its lock, one atomic file at a time (<see cref="OpenInPlace"/> for
/// <c>--resume</c>).</para>
/// </remarks>
public sealed class OutputFolder : IDisposable
{
    /// <summary>The marker and lock file inside every folder this type writes.</summary>
    public const string MarkerFile = ".neuro-output";

    /// <summary>The marker's format.</summary>
    public const string MarkerFormat = "neuro-output/1";

    private readonly string staging;
    private string? createdRoot;
    private FileStream? lockStream;
    private bool disposed;

    private OutputFolder(string path, string verb, string work, FileStream lockStream, bool inPlace)
    {
        Path = path;
        Verb = verb;
        WorkPath = work;
        staging = work;
        this.lockStream = lockStream;
        IsInPlace = inPlace;
    }

    /// <summary>The folder's final full path (the caller's <c>--out</c>).</summary>
    public string Path { get; }

    /// <summary>The verb that writes the folder (recorded in the marker).</summary>
    public string Verb { get; }

    /// <summary>Where to write now: the staging folder until <see cref="Commit"/>, the final folder after it (or always, in place).</summary>
    public string WorkPath { get; private set; }

    /// <summary>True once the folder is at <see cref="Path"/>: committed, or opened in place.</summary>
    public bool IsInPlace { get; private set; }

    /// <summary>
    /// Begins writing <paramref name="path"/> through a staging folder: checks the target, takes the lock, and empties a
    /// staging folder left by a killed run.
    /// </summary>
    /// <param name="path">The folder to write (created with its parents on commit; may exist).</param>
    /// <param name="verb">The verb writing it (e.g. <c>export</c>).</param>
    /// <param name="force">Replace a non-empty folder even if this verb did not write it.</param>
    /// <param name="replaceOwn">Replace a folder this verb wrote before without <paramref name="force"/> (false for run
    /// folders such as evolution runs, which are continued, not replaced).</param>
    /// <exception cref="OutputFolderException">The path is empty or a file, the folder is foreign (or, without
    /// <paramref name="replaceOwn"/>, this verb's) and not forced, it is locked by another run, or it cannot be created.</exception>
    public static OutputFolder Stage(string path, string verb, bool force, bool replaceOwn = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(verb);
        string full = Normalize(path);
        var (parent, name) = Split(full);
        string staging = System.IO.Path.Combine(parent, $".{name}.neuro-staging");
        string old = OldPath(full);
        string? createdRoot = null;
        for (string? d = parent; d is not null && !Directory.Exists(d); d = System.IO.Path.GetDirectoryName(d))
        {
            createdRoot = d;
        }

        Guard(full, parent, () =>
        {
            Directory.CreateDirectory(parent);
            Recover(full, old);
        });
        CheckTarget(full, verb, force, replaceOwn);

        FileStream? stream = null;
        Guard(full, parent, () =>
        {
            Directory.CreateDirectory(staging);
            stream = Lock(System.IO.Path.Combine(staging, MarkerFile), full, create: true)!;
        });
        try
        {
            // A staging folder we could lock is ours: whatever a killed run left in it goes.
            foreach (string entry in Directory.EnumerateFileSystemEntries(staging))
            {
                if (System.IO.Path.GetFileName(entry) != MarkerFile)
                {
                    Delete(entry);
                }
            }

            WriteMarker(stream!, verb);
            return new OutputFolder(full, verb, staging, stream!, inPlace: false) { createdRoot = createdRoot };
        }
        catch
        {
            stream!.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing folder to continue writing it in place (an evolution run's <c>--resume</c>): takes its lock
    /// (creating the marker in a folder written before markers existed) and removes temporary files a killed writer left.
    /// </summary>
    /// <exception cref="OutputFolderException">The folder does not exist, or another run holds its lock.</exception>
    public static OutputFolder OpenInPlace(string path, string verb)
    {
        ArgumentException.ThrowIfNullOrEmpty(verb);
        string full = Normalize(path);
        if (!Directory.Exists(full))
        {
            throw new OutputFolderException(File.Exists(full) ? $"'{full}' is a file, not a folder" : $"'{full}' does not exist");
        }

        FileStream? stream = null;
        Guard(full, full, () => stream = Lock(System.IO.Path.Combine(full, MarkerFile), full, create: true));
        try
        {
            if (ReadMarker(stream!) is null)
            {
                WriteMarker(stream!, verb);
            }

            AtomicFile.RemoveStaleTemporaries(full);
            return new OutputFolder(full, verb, full, stream!, inPlace: true);
        }
        catch
        {
            stream!.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The verb that wrote <paramref name="path"/> according to its marker, or null when it has none (or the path is not a
    /// folder). Does not lock.
    /// </summary>
    public static string? WrittenBy(string path)
    {
        string marker = System.IO.Path.Combine(path, MarkerFile);
        try
        {
            return File.Exists(marker) ? ParseMarker(File.ReadAllBytes(marker)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Renames the staging folder into place, replacing the target if it exists (checked again: still not foreign unless
    /// forced, and not locked). Afterwards <see cref="WorkPath"/> is <see cref="Path"/> and the lock is still held.
    /// </summary>
    /// <exception cref="OutputFolderException">The target was taken meanwhile (locked by another run, or became a file).</exception>
    /// <exception cref="InvalidOperationException">Already committed, opened in place, or disposed.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (IsInPlace)
        {
            throw new InvalidOperationException($"'{Path}' is already in place");
        }

        string old = OldPath(Path);
        FileStream? targetLock = null;
        try
        {
            Guard(Path, System.IO.Path.GetDirectoryName(Path)!, () =>
            {
                if (File.Exists(Path))
                {
                    throw new OutputFolderException($"'{Path}' is a file, not a folder");
                }

                if (Directory.Exists(Path))
                {
                    targetLock = Lock(System.IO.Path.Combine(Path, MarkerFile), Path, create: false);
                    if (Directory.Exists(old))
                    {
                        Directory.Delete(old, recursive: true);
                    }

                    Directory.Move(Path, old);
                }

                Directory.Move(staging, Path);
            });
        }
        finally
        {
            targetLock?.Dispose();
        }

        WorkPath = Path;
        IsInPlace = true;
        if (Directory.Exists(old))
        {
            Delete(old);
        }
    }

    /// <summary>Releases the lock; a folder never committed has its staging folder deleted (the target is untouched).</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!IsInPlace && Directory.Exists(staging))
        {
            try
            {
                Delete(staging);
                RemoveCreatedParents();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the next run on this name empties a staging folder it can lock.
            }
        }

        lockStream?.Dispose();
        lockStream = null;
    }

    /// <summary>Removes the parent folders <see cref="Stage"/> created, innermost first, while they are empty.</summary>
    private void RemoveCreatedParents()
    {
        if (createdRoot is null)
        {
            return;
        }

        for (string? d = System.IO.Path.GetDirectoryName(Path); d is not null && d.Length >= createdRoot.Length; d = System.IO.Path.GetDirectoryName(d))
        {
            if (!Directory.Exists(d) || Directory.EnumerateFileSystemEntries(d).Any())
            {
                return;
            }

            Directory.Delete(d);
        }
    }

    private static string Normalize(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new OutputFolderException($"'{path}' is not a folder name");
        }

        string full;
        try
        {
            full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputFolderException($"'{path}' is not a usable folder name: {e.Message}", e);
        }

        if (System.IO.Path.GetFileName(full) is "" or "." or "..")
        {
            throw new OutputFolderException($"'{path}' names no folder of its own (it is {full}); name a folder to create, such as '{System.IO.Path.Combine(path, "out")}'");
        }

        return full;
    }

    private static (string Parent, string Name) Split(string full) =>
        (System.IO.Path.GetDirectoryName(full) ?? throw new OutputFolderException($"'{full}' has no parent folder"), System.IO.Path.GetFileName(full));

    private static string OldPath(string full)
    {
        var (parent, name) = Split(full);
        return System.IO.Path.Combine(parent, $".{name}.neuro-old");
    }

    /// <summary>Undoes a commit that was killed between its two renames: the old folder goes back to its name.</summary>
    private static void Recover(string full, string old)
    {
        if (!Directory.Exists(old))
        {
            return;
        }

        if (Directory.Exists(full) || File.Exists(full))
        {
            Delete(old);
        }
        else
        {
            Directory.Move(old, full);
        }
    }

    private static void CheckTarget(string full, string verb, bool force, bool replaceOwn)
    {
        if (File.Exists(full))
        {
            throw new OutputFolderException($"'{full}' is a file, not a folder");
        }

        if (!Directory.Exists(full))
        {
            return;
        }

        Guard(full, full, () =>
        {
            // Probe the lock: a folder another run is writing is never replaced, forced or not.
            using (Lock(System.IO.Path.Combine(full, MarkerFile), full, create: false))
            {
            }

            if (force || !Directory.EnumerateFileSystemEntries(full).Any())
            {
                return;
            }

            string? writer = WrittenBy(full);
            if (writer == verb && replaceOwn)
            {
                return;
            }

            throw new OutputFolderException(writer == verb
                ? $"'{full}' already holds a 'neuro {verb}' run"
                : $"'{full}' is not empty and was not written by 'neuro {verb}'")
            {
                ForceReplaces = true,
            };
        });
    }

    /// <summary>Locks <paramref name="marker"/>; null when it does not exist and <paramref name="create"/> is false.</summary>
    private static FileStream? Lock(string marker, string folder, bool create)
    {
        if (!create && !File.Exists(marker))
        {
            return null;
        }

        try
        {
            return new FileStream(marker, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (FileNotFoundException) when (!create)
        {
            return null;
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException or FileNotFoundException))
        {
            throw new OutputFolderException($"'{folder}' is in use by another neuro run (it holds the lock {marker}); wait for it to finish", e);
        }
    }

    /// <summary>Runs a file-system step, turning the ways it fails on a bad path into one line naming the folder.</summary>
    private static void Guard(string full, string where, Action step)
    {
        try
        {
            step();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new OutputFolderException($"cannot write '{full}': permission denied in '{where}'", e);
        }
        catch (IOException e)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "the folder cannot be created there" : e.Message;
            throw new OutputFolderException($"cannot write '{full}': {reason}", e);
        }
    }

    private static void WriteMarker(FileStream stream, string verb)
    {
        byte[] bytes = Encoding.UTF8.GetBytes($"{{\"format\":\"{MarkerFormat}\",\"verb\":{JsonSerializer.Serialize(verb)}}}\n");
        stream.SetLength(0);
        stream.Position = 0;
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private static string? ReadMarker(FileStream stream)
    {
        stream.Position = 0;
        var bytes = new byte[Math.Min(stream.Length, 4096)];
        stream.ReadExactly(bytes);
        return ParseMarker(bytes);
    }

    private static string? ParseMarker(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == MarkerFormat
                && doc.RootElement.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
                ? verb.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

namespace Portal.Data;

/// <summary>
/// Removes files under the data directory that nothing needs any more, never one in use. The portal writes its
/// temporary files with <see cref="FileShare.None"/>, which on Linux takes an exclusive lock (<c>flock</c>) and on
/// Windows refuses every other opener, and reads files with a shared lock: a file that cannot be opened exclusively is
/// being written or read and is left for the next sweep.
/// </summary>
public static class StaleFiles
{
    /// <summary>Deletes the files of a directory matching a pattern that were last written before a time and are not in use; how many.</summary>
    public static int DeleteWrittenBefore(string directory, string pattern, DateTime writtenBeforeUtc, ILogger logger) =>
        !Directory.Exists(directory) ? 0
        : Directory.GetFiles(directory, pattern).Count(path => File.GetLastWriteTimeUtc(path) < writtenBeforeUtc && TryDelete(path, logger));

    /// <summary>Deletes a file unless it is in use; false when it was not there, is in use or could not be deleted (logged).</summary>
    public static bool TryDelete(string path, ILogger logger)
    {
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                // Opened alone: nobody is writing or reading it.
            }
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogInformation(ex, "Left {Path} in place: it is in use or may not be deleted; the next sweep tries again.", path);
            return false;
        }
    }
}

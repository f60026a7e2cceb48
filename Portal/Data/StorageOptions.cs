namespace Portal.Data;

/// <summary>Where the portal keeps its files: the SQLite database and, later, the search index and uploads.</summary>
public sealed class StorageOptions
{
    /// <summary>Absolute path of <c>Storage:DataDirectory</c> (default <c>./data</c> beside the content root).</summary>
    public required string DataDirectory { get; init; }

    public static StorageOptions From(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["Storage:DataDirectory"];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, contentRoot);
        Directory.CreateDirectory(directory);
        return new StorageOptions { DataDirectory = directory };
    }
}

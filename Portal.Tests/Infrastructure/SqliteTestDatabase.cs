using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A real, migrated SQLite file in a temporary folder, registered in a service collection exactly as the app
/// registers its database (for component tests that need real data without a whole host).
/// </summary>
public sealed class SqliteTestDatabase : IDisposable
{
    public SqliteTestDatabase(string prefix)
    {
        Directory = Path.Combine(Path.GetTempPath(), prefix, Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ConnectionString = $"Data Source={Path.Combine(Directory, "portal.db")}";
        using var db = NewContext();
        db.Database.Migrate();
    }

    /// <summary>The temporary folder; also a good place for a search index.</summary>
    public string Directory { get; }

    public string ConnectionString { get; }

    public SqlitePortalDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(ConnectionString).Options);

    public void Register(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            [$"ConnectionStrings:{DatabaseSetup.ConnectionStringName}"] = ConnectionString,
        }).Build();
        services.AddPortalDatabase(configuration, new StorageOptions { DataDirectory = Directory });
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

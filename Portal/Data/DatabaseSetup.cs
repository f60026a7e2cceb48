using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Registers the portal's DbContext for the configured provider (<c>Database:Provider</c>).</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "Portal";

    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider is '{value}'; use Sqlite or Postgres.");
    }

    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, StorageOptions storage)
    {
        var provider = ReadProvider(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Portal is empty.");
                }
                services.AddPortalDbContext<PostgresPortalDbContext>(o => o.UseNpgsql(connectionString));
                break;
            default:
                connectionString = string.IsNullOrWhiteSpace(connectionString)
                    ? $"Data Source={Path.Combine(storage.DataDirectory, "portal.db")}"
                    : connectionString;
                var sqliteSetup = new SqliteConnectionSetup();
                services.AddPortalDbContext<SqlitePortalDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(sqliteSetup));
                break;
        }
        return services;
    }

    /// <summary>
    /// Registers the provider's context type and exposes it as <see cref="PortalDbContext"/>, both per scope
    /// (Identity, API requests) and through <see cref="IDbContextFactory{PortalDbContext}"/> (Blazor components).
    /// </summary>
    private static void AddPortalDbContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : PortalDbContext
    {
        services.AddDbContextFactory<TContext>(configure);
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<TContext>());
        services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<TContext>>();
    }

    private sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
        where TContext : PortalDbContext
    {
        public PortalDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

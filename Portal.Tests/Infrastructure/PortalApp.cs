using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The whole portal on a real Kestrel port with its own real database: a fresh SQLite file or a fresh PostgreSQL
/// database on the throwaway cluster that <c>test.sh</c> starts (<c>PORTAL_TEST_POSTGRES</c>). Seeded with the demo data.
/// </summary>
public abstract class PortalApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Demo#2026";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private readonly string _postgresDatabase = $"portal_test_{Guid.NewGuid():N}";

    protected PortalApp(DatabaseProvider provider)
    {
        Provider = provider;
        this.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>
    /// The portal started again on <paramref name="previous"/>'s database and data directory, e.g. with other settings:
    /// stop the previous one first (its <c>DisposeAsync</c> stops it and keeps the data); this one removes the data when
    /// it is disposed as a test fixture (<see cref="IAsyncLifetime.DisposeAsync"/>).
    /// </summary>
    protected PortalApp(PortalApp previous) : this(previous.Provider)
    {
        _dataDirectory = previous._dataDirectory;
        _postgresDatabase = previous._postgresDatabase;
    }

    public DatabaseProvider Provider { get; }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The portal's clock: real time, moved forward by tests that need a deadline to pass.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>What the portal logged as errors, for the message of a test that got an unexpected answer.</summary>
    public ServerErrors Errors { get; } = new();

    /// <summary>Every log message from Information up, when the app <see cref="CapturesAllLogs"/>; empty otherwise.</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>Whether <see cref="Log"/> collects the portal's log messages (off by default: most tests need only the errors).</summary>
    protected virtual bool CapturesAllLogs => false;

    /// <summary>The directory of the app's files (SQLite database, attachments, search index, report runs).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>The app's own PostgreSQL database (its name; null for a SQLite app).</summary>
    public string? PostgresDatabase => Provider == DatabaseProvider.Postgres ? _postgresDatabase : null;

    public static string PostgresServer => Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            "PostgreSQL tests need PORTAL_TEST_POSTGRES (e.g. Host=127.0.0.1;Port=55432;Username=postgres). Run ./test.sh, which starts a throwaway cluster.");

    private string ConnectionString => Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _postgresDatabase }.ConnectionString
        : $"Data Source={Path.Combine(_dataDirectory, "portal.db")}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Errors);
            if (CapturesAllLogs)
            {
                logging.AddProvider(Log);
                // Whatever levels the settings give the categories, this provider hears them all (its own IsEnabled decides).
                logging.AddFilter<CapturedLog>(null, LogLevel.Trace);
            }
        });
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        // Tests count what they create; the seeded past procurements (seed-data/history.json) and the neighbouring
        // district's open data (seed-data/open-data/) are opted into.
        builder.UseSetting("Seed:History", "false");
        builder.UseSetting("Seed:OpenData", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Settings a kind of app adds to the defaults.</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    public Task InitializeAsync()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return Task.CompletedTask;
    }

    /// <summary>
    /// A plain HTTP client on the real port (no cookies carried between calls unless asked). It reads the API in English
    /// (<c>Accept-Language: en</c>) unless a language is given: a client that names none gets the portal's default, zh-CN.
    /// </summary>
    public HttpClient CreateHttpClient(string? language = "en")
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }
        return client;
    }

    /// <summary>An HTTP client carrying a bearer token obtained through <c>POST /api/v1/auth/token</c>.</summary>
    public async Task<HttpClient> CreateClientForAsync(string email, string password = DemoPassword, string? language = "en")
    {
        var client = CreateHttpClient(language);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS to clean from the temp folder.
            }
        }
    }

    private sealed record TokenBody(string AccessToken);
}

public sealed class SqlitePortalApp() : PortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresPortalApp() : PortalApp(DatabaseProvider.Postgres);

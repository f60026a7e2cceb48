using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// What `dotnet run --project Portal` prints in Development: the noise a newcomer cannot act on is filtered (Hangfire's
/// start-up chatter, the data protection note about unencrypted keys on a developer machine, the migrations applied on
/// a first run, every SQL command), the portal's own messages and the framework's real warnings are kept.
/// </summary>
public sealed class DevelopmentLoggingTests
{
    private static ILoggerFactory DevelopmentLoggers()
    {
        var portal = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Portal");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(portal, "appsettings.json"))
            .AddJsonFile(Path.Combine(portal, "appsettings.Development.json"))
            .Build();
        return new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddProvider(new NullProvider()))
            .BuildServiceProvider()
            .GetRequiredService<ILoggerFactory>();
    }

    [Theory]
    [InlineData("Hangfire.BackgroundJobServer", LogLevel.Information)]
    [InlineData("Hangfire.Server.BackgroundServerProcess", LogLevel.Information)]
    [InlineData("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Warning)]
    [InlineData("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Information)]
    [InlineData("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information)]
    [InlineData("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Information)]
    public void NoiseIsFiltered(string category, LogLevel level) =>
        Assert.False(DevelopmentLoggers().CreateLogger(category).IsEnabled(level));

    [Theory]
    [InlineData("Portal.Search.SupplierIndexer", LogLevel.Information)]
    [InlineData("Portal.Data.Seeding.DatabaseInitializer", LogLevel.Information)]
    [InlineData("Microsoft.Hosting.Lifetime", LogLevel.Information)]
    [InlineData("Hangfire.AutomaticRetryAttribute", LogLevel.Warning)]
    [InlineData("Microsoft.EntityFrameworkCore.Query", LogLevel.Warning)]
    [InlineData("Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost", LogLevel.Warning)]
    [InlineData("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Error)]
    public void ThePortalsMessagesAndRealWarningsAreKept(string category, LogLevel level) =>
        Assert.True(DevelopmentLoggers().CreateLogger(category).IsEnabled(level));

    /// <summary>A provider that would write everything: what reaches it is what the filters let through.</summary>
    private sealed class NullProvider : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }
}

using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Http.Metadata;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Search;

namespace Portal.Jobs;

/// <summary>
/// Background jobs through Hangfire. The embedded default (SQLite) keeps jobs in memory: one process, nothing to share.
/// In PostgreSQL mode the jobs live in the portal's database (schema <c>hangfire</c>) so several nodes share one queue
/// and one recurring schedule.
/// </summary>
public static class JobsSetup
{
    /// <summary>Where the dashboard lives; only administrators get in.</summary>
    public const string DashboardPath = "/admin/jobs";

    /// <summary>How often delayed and recurring jobs are checked when <c>Jobs:SchedulePollingInterval</c> is not set.</summary>
    public static readonly TimeSpan DefaultSchedulePollingInterval = TimeSpan.FromSeconds(15);

    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = DatabaseSetup.ReadProvider(configuration);
        var connectionString = configuration.GetConnectionString(DatabaseSetup.ConnectionStringName);
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Portal is empty.");
        }

        // Hangfire keeps its storage and job activator in static properties (Use…Storage sets one) and by default
        // hands the container whichever host set them last. Registering this host's own instances first (AddHangfire
        // only adds them when missing) keeps two hosts in one process, as in the integration tests, from running each
        // other's jobs.
        services.AddSingleton<JobStorage>(sp =>
        {
            var hangfire = sp.GetRequiredService<IGlobalConfiguration>();
            return provider == DatabaseProvider.Postgres
                ? hangfire.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true }).Entry
                : hangfire.UseInMemoryStorage().Entry;
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(new AuditJobActorFilter()));

        var pollingInterval = configuration.GetValue<TimeSpan?>("Jobs:SchedulePollingInterval") ?? DefaultSchedulePollingInterval;
        services.AddHangfireServer(o =>
        {
            o.SchedulePollingInterval = pollingInterval;
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
        });
        return services;
    }

    /// <summary>
    /// The Hangfire dashboard at <see cref="DashboardPath"/>. Anonymous visitors are sent to sign in (the endpoint
    /// requires an authenticated user, so the cookie scheme challenges); signed-in users without the Admin role get 403
    /// from <see cref="AdminOnlyDashboardFilter"/>. Bearer tokens work too: the default scheme forwards them.
    /// The page-level status code pages are skipped here: they would re-execute that 403 as the not-found page (404).
    /// </summary>
    public static WebApplication MapPortalJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            AppPath = "/admin/search-index",
            DashboardTitle = "SME Procurement Portal jobs",
            DisplayStorageConnectionString = false,
        })
            .RequireAuthorization()
            .WithMetadata(new SkipStatusCodePages());
        return app;
    }

    /// <summary>Endpoint metadata that the status code pages middleware honours by leaving the response alone.</summary>
    private sealed class SkipStatusCodePages : ISkipStatusCodePagesMetadata;

    /// <summary>
    /// Schedules the recurring jobs: the nightly index rebuild at 03:00 Beijing time, when nobody searches. With a
    /// shared PostgreSQL schedule one node runs it, so only that node's index is rebuilt until the cross-node sync exists.
    /// The monthly KPI rating, and the hourly housekeeping of the data directory.
    /// </summary>
    public static WebApplication UsePortalRecurringJobs(this WebApplication app)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<IndexRebuildJob>(IndexRebuildJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "0 3 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai") });
        Features.Effectiveness.MonthlyRatingJob.AddRecurring(recurring);
        HousekeepingJob.AddRecurring(recurring);
        return app;
    }
}

/// <summary>
/// Lets only administrators into the jobs dashboard, which can delete and re-run jobs. Authentication has already run,
/// so the user is the one from the sign-in cookie or bearer token; Hangfire answers 401 or 403 when this says no.
/// </summary>
public sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}

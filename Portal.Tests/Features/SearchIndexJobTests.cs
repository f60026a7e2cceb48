using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Jobs;
using Portal.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>
/// The index rebuild job, its nightly schedule and the admin-only jobs dashboard, on SQLite (in-memory job storage)
/// and PostgreSQL (Hangfire tables in the portal database). The job is called directly, as Hangfire advises for tests:
/// what a worker would add is Hangfire's own business.
/// </summary>
public abstract class SearchIndexJobTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TheJobRebuildsTheIndexFromTheDatabaseAndReportsEverySupplier()
    {
        var status = app.Services.GetRequiredService<IndexRebuildStatus>();
        var suppliers = await app.WithDbAsync(db => db.Suppliers.CountAsync());
        Assert.True(suppliers > 0, "The demo data should hold suppliers.");
        var changes = 0;
        void Count() => Interlocked.Increment(ref changes);
        status.Changed += Count;
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IndexRebuildJob>().RunAsync(CancellationToken.None);
        }
        finally
        {
            status.Changed -= Count;
        }

        var state = status.Current;
        Assert.False(state.Running);
        Assert.Null(state.LastError);
        Assert.Equal(suppliers, state.Indexed);
        Assert.Equal(suppliers, state.Total);
        Assert.NotNull(state.Duration);
        Assert.True(changes >= 2, "Start and end should both be reported.");
        Assert.Equal(suppliers, app.Services.GetRequiredService<SupplierIndex>().Count);
    }

    [Fact]
    public async Task ASecondRebuildOnTheSameNodeIsSkippedWhileOneRuns()
    {
        var status = app.Services.GetRequiredService<IndexRebuildStatus>();
        Assert.True(status.TryStart(total: 1));
        try
        {
            Assert.False(status.TryStart(total: 1));
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IndexRebuildJob>().RunAsync(CancellationToken.None);

            // Skipped: the running one's progress is untouched.
            Assert.True(status.Running);
            Assert.Equal(0, status.Indexed);
            Assert.Equal(1, status.Total);
        }
        finally
        {
            status.Succeed(app.Services.GetRequiredService<SupplierIndex>().Count);
        }
    }

    [Fact]
    public void TheNightlyRebuildIsScheduledAtThreeInTheMorningChinaTime()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == IndexRebuildJob.RecurringJobId);

        Assert.Equal("0 3 * * *", job.Cron);
        Assert.Equal("Asia/Shanghai", job.TimeZoneId);
        Assert.Equal(typeof(IndexRebuildJob), job.Job.Type);
        Assert.Equal(nameof(IndexRebuildJob.RunAsync), job.Job.Method.Name);
    }

    [Fact]
    public async Task AnonymousVisitorsOfTheDashboardAreSentToSignIn()
    {
        using var client = app.CreateHttpClient();

        var response = await client.GetAsync(JobsSetup.DashboardPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login?ReturnUrl=%2Fadmin%2Fjobs", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer@demo.local")]
    [InlineData("official@demo.local")]
    [InlineData("sme@demo.local")]
    public async Task SignedInUsersWithoutTheAdminRoleAreForbidden(string email)
    {
        using var client = await app.CreateClientForAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(JobsSetup.DashboardPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(JobsSetup.DashboardPath + "/recurring")).StatusCode);
    }

    [Fact]
    public async Task AdministratorsSeeTheDashboardWithTheNightlyRebuild()
    {
        using var client = await app.CreateClientForAsync("admin@demo.local");

        var home = await client.GetAsync(JobsSetup.DashboardPath);
        var recurring = await client.GetStringAsync(JobsSetup.DashboardPath + "/recurring");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(IndexRebuildJob.RecurringJobId, recurring, StringComparison.Ordinal);
        // The storage connection string (database host, user) stays off the page.
        Assert.DoesNotContain("Host=", await home.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class SqliteSearchIndexJobTests(SqlitePortalApp app) : SearchIndexJobTests<SqlitePortalApp>(app);

public sealed class PostgresSearchIndexJobTests(PostgresPortalApp app) : SearchIndexJobTests<PostgresPortalApp>(app);

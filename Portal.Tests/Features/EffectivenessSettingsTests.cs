using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Effectiveness;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>Idle settings that make no sense stop the portal at start; the monthly rating is scheduled on the 1st, China time.</summary>
public sealed class EffectivenessSettingsTests(SqlitePortalApp app) : IClassFixture<SqlitePortalApp>
{
    private sealed class AppWithSetting(string key, string value) : PortalApp(DatabaseProvider.Sqlite)
    {
        protected override IEnumerable<(string Key, string Value)> Settings => [(key, value)];
    }

    [Theory]
    [InlineData("Effectiveness:IdleAfterDays", "0")]
    [InlineData("Effectiveness:IdleUsageRate", "120")]
    public async Task IdleSettingsOutOfRangeStopTheStart(string key, string value)
    {
        await using var bad = new AppWithSetting(key, value);

        var ex = Assert.ThrowsAny<Exception>(() => bad.StartServer());

        var validation = Assert.IsType<OptionsValidationException>(ex is OptionsValidationException ? ex : ex.InnerException ?? ex, exactMatch: false);
        Assert.Contains("Effectiveness:IdleAfterDays must be 1–366 days", validation.Message);
    }

    [Fact]
    public void TheMonthlyRatingIsScheduledAtTwoOnTheFirstChinaTime()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == MonthlyRatingJob.RecurringJobId);

        Assert.Equal(("0 2 1 * *", "Asia/Shanghai"), (job.Cron, job.TimeZoneId));
        Assert.Equal((typeof(MonthlyRatingJob), nameof(MonthlyRatingJob.RunAsync)), (job.Job.Type, job.Job.Method.Name));
    }
}

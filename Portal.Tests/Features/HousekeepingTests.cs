using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Reports;
using Portal.Jobs;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>
/// The hourly housekeeping job run directly on a real data directory: report runs past <c>Reports:KeepRunsForHours</c>
/// lose their PDF and answer 410, later their record; uploads and records a crash left behind go after a day, while
/// fresh ones, ones in use and stored attachments stay. The settings are checked at start.
/// </summary>
public sealed class HousekeepingTests(SqlitePortalApp app) : IClassFixture<SqlitePortalApp>
{
    private sealed class AppWithSetting(string key, string value) : PortalApp(DatabaseProvider.Sqlite)
    {
        protected override IEnumerable<(string Key, string Value)> Settings => [(key, value)];
    }

    private string DataDirectory => app.Services.GetRequiredService<StorageOptions>().DataDirectory;

    private ReportRuns Runs => app.Services.GetRequiredService<ReportRuns>();

    private HousekeepingRun Sweep()
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<HousekeepingJob>().Run();
    }

    private Task<string> OfficialIdAsync() =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == "official@demo.local").Select(u => u.Id).SingleAsync());

    /// <summary>A run of the subsidy report started now, once Hangfire has generated it.</summary>
    private async Task<ReportRun> FinishedRunAsync(string userId)
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var done = await Runs.FinishedAsync(Runs.Start(new ReportRequest(ReportService.Subsidies, today.AddMonths(-1), today), userId));
        Assert.Equal(ReportRunState.Ready, done.State);
        return done;
    }

    private string PdfOf(ReportRun run) => Path.Combine(DataDirectory, "reports", $"{run.Id:N}.pdf");

    private static async Task AssertExpiredAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("This report has expired: a report is kept for 24 hours after it was started. Generate it again", problem!.Detail);
    }

    [Fact]
    public async Task ARunOlderThanTheRetentionLosesItsPdfShowsAsExpiredAndAnswersGoneUntilItIsForgotten()
    {
        var officialId = await OfficialIdAsync();
        var old = await FinishedRunAsync(officialId);
        app.Clock.Advance(TimeSpan.FromHours(23));
        var fresh = await FinishedRunAsync(officialId);
        app.Clock.Advance(TimeSpan.FromHours(2));

        var swept = Sweep();

        Assert.True(swept.ExpiredReportRuns >= 1);
        Assert.Equal(ReportRunState.Expired, Runs.Find(old.Id, officialId)!.State);
        Assert.False(File.Exists(PdfOf(old)));
        Assert.Equal(ReportRunState.Ready, Runs.Find(fresh.Id, officialId)!.State);
        Assert.True(File.Exists(PdfOf(fresh)));
        Assert.Contains(Runs.RecentFor(officialId), r => r.Id == old.Id && r.State == ReportRunState.Expired);
        using var official = await app.CreateClientForAsync("official@demo.local");
        await AssertExpiredAsync(await official.GetAsync($"/api/v1/reports/runs/{old.Id}"));
        Assert.Equal(HttpStatusCode.OK, (await official.GetAsync($"/api/v1/reports/runs/{fresh.Id}")).StatusCode);

        // A month after expiring, a run is forgotten: an unknown run is 404.
        app.Clock.Advance(ReportRuns.ExpiredRunsListedFor);
        var later = Sweep();

        Assert.True(later.ForgottenReportRuns >= 1);
        Assert.Null(Runs.Find(old.Id, officialId));
        Assert.Equal(ReportRunState.Expired, Runs.Find(fresh.Id, officialId)!.State);
        Assert.False(File.Exists(PdfOf(fresh)));
        using var again = await app.CreateClientForAsync("official@demo.local");
        var gone = await again.GetAsync($"/api/v1/reports/runs/{old.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("No finished report run of yours", (await gone.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task AFinishedRunWhosePdfVanishedAnswersGoneNotAServerError()
    {
        var officialId = await OfficialIdAsync();
        var run = await FinishedRunAsync(officialId);
        File.Delete(PdfOf(run));
        using var official = await app.CreateClientForAsync("official@demo.local");

        await AssertExpiredAsync(await official.GetAsync($"/api/v1/reports/runs/{run.Id}"));
    }

    [Fact]
    public void LeftOverUploadsAndRecordsGoAfterADayButFreshOnesOnesInUseAndStoredAttachmentsStay()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var incoming = Directory.CreateDirectory(Path.Combine(DataDirectory, "attachments", "incoming")).FullName;
        var stored = Directory.CreateDirectory(Path.Combine(DataDirectory, "attachments", Guid.NewGuid().ToString("N"))).FullName;
        var reports = Directory.CreateDirectory(Path.Combine(DataDirectory, "reports")).FullName;
        string File(string directory, string name, TimeSpan age)
        {
            var path = Path.Combine(directory, name);
            System.IO.File.WriteAllText(path, "%PDF-1.7 …");
            System.IO.File.SetLastWriteTimeUtc(path, now - age);
            return path;
        }
        var crashedUpload = File(incoming, $"{Guid.NewGuid():N}.part", TimeSpan.FromHours(25));
        var uploading = File(incoming, $"{Guid.NewGuid():N}.part", TimeSpan.FromHours(2));
        var stalledButOpen = File(incoming, $"{Guid.NewGuid():N}.part", TimeSpan.FromDays(3));
        var attachment = File(stored, $"{Guid.NewGuid():N}.pdf", TimeSpan.FromDays(400));
        var halfWrittenRecord = File(reports, $"{Guid.NewGuid():N}.json.tmp", TimeSpan.FromHours(25));
        var writingRecord = File(reports, $"{Guid.NewGuid():N}.json.tmp", TimeSpan.FromMinutes(1));
        var pdfWithoutRun = File(reports, $"{Guid.NewGuid():N}.pdf", TimeSpan.FromHours(25));

        HousekeepingRun swept;
        using (new FileStream(stalledButOpen, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            swept = Sweep();
        }

        Assert.Equal(3, swept.TemporaryFiles);
        Assert.Equal(
            [(crashedUpload, false), (uploading, true), (stalledButOpen, true), (attachment, true), (halfWrittenRecord, false), (writingRecord, true), (pdfWithoutRun, false)],
            new[] { crashedUpload, uploading, stalledButOpen, attachment, halfWrittenRecord, writingRecord, pdfWithoutRun }.Select(p => (p, System.IO.File.Exists(p))));

        // Closed, the stalled upload goes at the next sweep.
        Assert.Equal(1, Sweep().TemporaryFiles);
        Assert.False(System.IO.File.Exists(stalledButOpen));
    }

    [Fact]
    public void TheHousekeepingIsScheduledHourly()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == HousekeepingJob.RecurringJobId);

        Assert.Equal("40 * * * *", job.Cron);
        Assert.Equal((typeof(HousekeepingJob), nameof(HousekeepingJob.Run)), (job.Job.Type, job.Job.Method.Name));
        Assert.Equal(24, app.Services.GetRequiredService<IOptions<ReportOptions>>().Value.KeepRunsForHours);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9000")]
    public async Task ARetentionOutOfRangeStopsTheStart(string hours)
    {
        await using var bad = new AppWithSetting("Reports:KeepRunsForHours", hours);

        var ex = Assert.ThrowsAny<Exception>(() => bad.StartServer());

        var validation = Assert.IsType<OptionsValidationException>(ex is OptionsValidationException ? ex : ex.InnerException ?? ex, exactMatch: false);
        Assert.Contains("Reports:KeepRunsForHours must be 1–8784 hours", validation.Message);
    }
}

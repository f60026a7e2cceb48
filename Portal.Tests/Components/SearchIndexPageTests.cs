using Bunit;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Suppliers;
using Portal.Features.Admin.Pages;
using Portal.Search;
using Portal.Tests.Domain;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Components;

/// <summary>
/// The admin search index page over a real SQLite file (registered as the app registers it), a real Lucene index and
/// the real rebuild job; only Hangfire's client is a recording double, so "Rebuild now" can be seen to enqueue the job.
/// </summary>
public sealed class SearchIndexPageTests : MudBlazorTestContext, IDisposable
{
    private readonly SqliteTestDatabase _database = new("portal-bunit-search-index");
    private readonly SupplierIndex _index;
    private readonly IndexRebuildStatus _status = new(new FixedClock(DomainBuilders.Now));
    private readonly RecordingJobClient _jobs = new();

    public SearchIndexPageTests()
    {
        _database.Register(Services);

        var parking = DomainBuilders.RegisterSupplier(owner: null);
        var waste = DomainBuilders.RegisterSupplier(DomainBuilders.ValidProfile() with
        {
            Name = "宁波分类宝环保科技有限公司",
            CreditCode = "91330201MA2H8K7P4" + CreditCode.CheckCharacter("91330201MA2H8K7P4"),
        }, owner: null);
        using (var db = _database.NewContext())
        {
            db.Suppliers.AddRange(parking, waste);
            db.SaveChanges();
        }

        // The index lags behind the database: it holds one of the two suppliers.
        _index = new SupplierIndex(Path.Combine(_database.Directory, "index"), new FixedClock(DomainBuilders.Now));
        _index.Rebuild([parking]);

        Services.AddLogging();
        Services.AddSingleton(_index);
        Services.AddSingleton<SupplierIndexer>();
        Services.AddSingleton(_status);
        Services.AddTransient<IndexRebuildJob>();
        Services.AddSingleton<IBackgroundJobClient>(_jobs);
    }

    [Fact]
    public void ShowsTheDocumentsInTheIndexAgainstTheSuppliersInTheDatabase()
    {
        var page = RenderInteractive<SearchIndex>();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", page.Find("[data-testid='index-count'] [data-testid='value']").TextContent);
            Assert.Equal("2", page.Find("[data-testid='supplier-count'] [data-testid='value']").TextContent);
        });
        Assert.Single(page.FindAll("[data-testid='index-out-of-date']"));
        Assert.Empty(page.FindAll("[data-testid='rebuild-progress']"));
        Assert.Equal("/admin/jobs", page.Find("[data-testid='jobs-dashboard']").GetAttribute("href"));
        Assert.Equal("_self", page.Find("[data-testid='jobs-dashboard']").GetAttribute("target"));
    }

    [Fact]
    public void RebuildNowEnqueuesTheRebuildJob()
    {
        var page = RenderInteractive<SearchIndex>();
        page.WaitForElement("[data-testid='index-count']");

        page.Find("[data-testid='rebuild-index']").Click();

        var (job, state) = Assert.Single(_jobs.Created);
        Assert.Equal(typeof(IndexRebuildJob), job.Type);
        Assert.Equal(nameof(IndexRebuildJob.RunAsync), job.Method.Name);
        Assert.IsType<EnqueuedState>(state);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='rebuild-queued']")));
    }

    [Fact]
    public void ShowsLiveProgressWhileARebuildRunsAndTheResultAfterwards()
    {
        var page = RenderInteractive<SearchIndex>();
        page.WaitForElement("[data-testid='index-count']");
        Assert.Empty(page.FindAll("[data-testid='rebuild-progress']"));

        Assert.True(_status.TryStart(total: 2000));
        _status.ReportProgress(1000);

        page.WaitForAssertion(() =>
        {
            var bar = page.Find("[data-testid='rebuild-progress']");
            Assert.Equal("50", bar.GetAttribute("aria-valuenow"));
            Assert.Contains("1000", page.Find("[data-testid='rebuild-counts']").TextContent);
            Assert.Contains("2000", page.Find("[data-testid='rebuild-counts']").TextContent);
            Assert.True(page.Find("[data-testid='rebuild-index']").HasAttribute("disabled"));
        });

        _status.Fail("disk full");

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-testid='rebuild-progress']"));
            Assert.Contains("disk full", page.Find("[data-testid='rebuild-error']").TextContent);
            Assert.Single(page.FindAll("[data-testid='last-rebuild']"));
            Assert.False(page.Find("[data-testid='rebuild-index']").HasAttribute("disabled"));
        });
    }

    [Fact]
    public async Task WhenTheEnqueuedJobRunsThePageShowsTheIndexMatchingTheDatabase()
    {
        var page = RenderInteractive<SearchIndex>();
        page.WaitForElement("[data-testid='index-out-of-date']");
        page.Find("[data-testid='rebuild-index']").Click();
        var (job, _) = Assert.Single(_jobs.Created);

        // What a Hangfire worker would do with the recorded job: activate the class and call the method.
        var instance = Services.GetRequiredService(job.Type);
        await (Task)job.Method.Invoke(instance, [CancellationToken.None])!;

        page.WaitForAssertion(() =>
        {
            Assert.Equal("2", page.Find("[data-testid='index-count'] [data-testid='value']").TextContent);
            Assert.Empty(page.FindAll("[data-testid='index-out-of-date']"));
            Assert.Empty(page.FindAll("[data-testid='rebuild-queued']"));
            Assert.Empty(page.FindAll("[data-testid='rebuild-error']"));
        });
        Assert.Equal(2, _status.Indexed);
        Assert.Equal(2, _status.Total);
    }

    void IDisposable.Dispose()
    {
        _index.Dispose();
        _database.Dispose();
    }

    /// <summary>Hangfire's client as the page sees it; <c>Enqueue</c> ends in <see cref="Create"/>.</summary>
    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<(Job Job, IState State)> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add((job, state));
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }
}

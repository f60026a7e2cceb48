using Microsoft.Playwright;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>Debian's Chromium driven by Playwright against the portal on a real port (SQLite, demo data).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public BrowserPortalApp App { get; } = new();
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where screenshots go: <c>screenshots/</c> beside the test assembly.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)App).InitializeAsync();
        // A save that commits to SQLite and the search index can take seconds on a busy two-core machine.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        var chromium = Environment.GetEnvironmentVariable("PORTAL_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium not found at {chromium}; install Debian's chromium package (./test.sh does).");
        }
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a page at the portal's address (or another portal's).</summary>
    public async Task<IPage> NewPageAsync(string locale = "zh-CN", PortalApp? app = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (app ?? App).BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Two cores shared with the other test classes running in parallel: give pages time to render.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }
}

/// <summary>
/// The portal the browser tests drive: a one-minute minimum bidding period, a 20-second standstill and a job scheduler
/// that looks every second, so a lot published in a test closes by itself at its deadline, and an awarded one can be
/// contracted, while the test watches.
/// </summary>
public sealed class BrowserPortalApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Procurement:MinimumBiddingPeriod", "00:01:00"),
        ("Procurement:StandstillPeriod", "00:00:20"),
        ("Jobs:SchedulePollingInterval", "00:00:01"),
    ];
}

/// <summary>
/// Browser tests run on their own, not beside a dozen other portals starting and testing in the same process on two
/// cores: one of them waits for a real deadline a minute away, and page timings should not depend on that load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

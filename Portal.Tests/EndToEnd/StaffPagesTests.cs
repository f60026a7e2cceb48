using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Features.Tenders;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// The officer's staff pages in Chromium, in zh-CN: /tenders searched, filtered by a status tab and paged; the tender
/// editor's criteria rows added and removed with one price criterion and the weight sum live; errors at the field,
/// gone once the field is fixed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffPagesTests(BrowserFixture browser)
{
    private async Task<IPage> OfficerAsync(int width = 1280)
    {
        var page = await browser.NewPageAsync("zh-CN");
        await page.SetViewportSizeAsync(width, 900);
        await SignInTests.SignInAsync(page, "officer@demo.local", PortalApp.DemoPassword);
        return page;
    }

    /// <summary>Drafts with a word of their own in the title, created through the service as the editor saves them.</summary>
    private async Task<string> CreateDraftsAsync(int count)
    {
        var token = $"巡检{Guid.NewGuid():N}"[..10];
        await using var scope = browser.App.Services.CreateAsyncScope();
        var tenders = scope.ServiceProvider.GetRequiredService<TenderService>();
        for (var i = 1; i <= count; i++)
        {
            await tenders.CreateAsync(new TenderInput($"{token} 第{i:00}批道路设施巡检", "道路设施巡检服务。", "杭州市滨江区城市管理局", 500_000m + i, "urban-management"));
        }
        return token;
    }

    [Fact]
    public async Task TheTenderListIsSearchedFilteredByATabAndPaged()
    {
        var token = await CreateDraftsAsync(23);
        var page = await OfficerAsync();
        await page.OpenAsync("/tenders");

        var total = await browser.App.WithDbAsync(db => db.Tenders.CountAsync());
        var drafts = await browser.App.WithDbAsync(db => db.Tenders.CountAsync(t => t.Status == Portal.Domain.Tenders.TenderStatus.Draft));
        await Assertions.Expect(page.GetByTestId("tab-all").GetByTestId("tab-count")).ToHaveTextAsync(total.ToString());
        await Assertions.Expect(page.GetByTestId("tender-total")).ToHaveTextAsync($"共 {total} 个采购项目");
        await Assertions.Expect(page.GetByTestId("tender")).ToHaveCountAsync(TenderListPageSize);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "tenders-zh-desktop.png"), FullPage = true });

        // A status tab: drafts only, as many as the tab says.
        await page.GetByTestId("tab-draft").ClickAsync();
        await Assertions.Expect(page.GetByTestId("tab-draft")).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.GetByTestId("tender-total")).ToHaveTextAsync($"共 {drafts} 个采购项目");
        await Assertions.Expect(page.GetByTestId("tab-draft").GetByTestId("tab-count")).ToHaveTextAsync(drafts.ToString());
        foreach (var chip in await page.GetByTestId("tender-status-chip").AllAsync())
        {
            await Assertions.Expect(chip).ToHaveTextAsync("草稿");
        }

        // The home page's "see all drafts" opens the tab from the address.
        await page.OpenAsync("/tenders?tab=draft");
        await Assertions.Expect(page.GetByTestId("tab-draft")).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.GetByTestId("tender-total")).ToHaveTextAsync($"共 {drafts} 个采购项目");

        // The search narrows to the 23 drafts made here: three pages of ten.
        await Fields.Input(page, "tender-search").FillAsync(token);
        await Assertions.Expect(page.GetByTestId("tender-total")).ToHaveTextAsync("共 23 个采购项目");
        await Assertions.Expect(page.GetByTestId("tab-all").GetByTestId("tab-count")).ToHaveTextAsync("23");
        await Assertions.Expect(page.GetByTestId("tab-bidding").GetByTestId("tab-count")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("tender")).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByTestId("tender-link").First).ToContainTextAsync($"{token} 第23批");
        await page.GetByTestId("tender-pages").Locator("button", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^3$") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("tender")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("tender-range")).ToHaveTextAsync("第 21–23 项，共 23 项");
        await Assertions.Expect(page.GetByTestId("tender-link").Last).ToContainTextAsync($"{token} 第01批");

        // Oldest first on the first page.
        await page.GetByTestId("tender-sort-direction").ClickAsync();
        await Assertions.Expect(page.GetByTestId("tender-range")).ToHaveTextAsync("第 1–10 项，共 23 项");
        await Assertions.Expect(page.GetByTestId("tender-link").First).ToContainTextAsync($"{token} 第01批");
    }

    [Fact]
    public async Task TheTenderListReadsAt390PixelsWithStatusesOnOneLine()
    {
        var page = await OfficerAsync(width: 390);
        await page.OpenAsync("/tenders");
        await Assertions.Expect(page.GetByTestId("tender").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("tab-all")).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.GetByTestId("tender-status-chip").First).ToBeVisibleAsync();

        // A chip is one line high: its text does not break a character a line.
        foreach (var chip in (await page.GetByTestId("tender-status-chip").AllAsync()).Take(5))
        {
            var box = await chip.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Height < 40, $"A status chip is {box.Height}px high.");
        }
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 400, $"The page is {width}px wide at 390px.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "tenders-zh-390.png"), FullPage = true });
    }

    [Fact]
    public async Task TheOfficersHomeListsWhatIsToDoWithCountsAndLinks()
    {
        await CreateDraftsAsync(2);
        var page = await OfficerAsync();
        await page.OpenAsync("/");
        var drafts = await browser.App.WithDbAsync(db => db.Tenders.CountAsync(t => t.Status == Portal.Domain.Tenders.TenderStatus.Draft));

        var list = page.GetByTestId("todo-drafts");
        await Assertions.Expect(list.GetByTestId("todo-count")).ToHaveTextAsync(drafts.ToString());
        await Assertions.Expect(list.GetByTestId("todo-item")).ToHaveCountAsync(Math.Min(drafts, Portal.Features.Home.OfficerTasks.Shown));
        await Assertions.Expect(list.GetByTestId("todo-due").First).ToContainTextAsync("北京时间");
        await Assertions.Expect(page.GetByTestId("todo-closing")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "home-officer-zh.png"), FullPage = true });
        await Axe.AssertNoSeriousViolationsAsync(page, "home-officer");

        await list.GetByTestId("todo-item").First.ClickAsync();
        await page.WaitForURLAsync("**/tenders/*/edit");
        await Assertions.Expect(page.GetByTestId("tender-title").Or(Fields.Input(page, "tender-title")).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheCriteriaEditorAddsAndRemovesRowsKeepsOnePriceCriterionAndMarksErrorsAtTheField()
    {
        var page = await OfficerAsync();
        await page.OpenAsync("/tenders/new");
        var rows = page.GetByTestId("criterion-row");
        var sum = page.GetByTestId("weight-sum");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(sum).ToHaveAttributeAsync("data-sum", "100");

        // An empty save: the errors are at the fields, in Chinese; each goes once its field is filled in.
        await page.GetByTestId("save-draft").ClickAsync();
        var titleError = page.GetByText("请填写采购项目名称。");
        await Assertions.Expect(titleError).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("请填写标段名称。")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("tender-error")).ToHaveTextAsync("请修改标红的字段。");
        await Assertions.Expect(page.Locator(".mud-input-control.mud-input-error").Filter(new() { Has = page.Locator("input[data-testid='tender-title'], [data-testid='tender-title'] input") }))
            .ToHaveCountAsync(1);
        await Fields.CommitAsync(page, "tender-title", "滨江区道路设施巡检");
        await Assertions.Expect(titleError).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("请填写标段名称。")).ToBeVisibleAsync();

        // A row added: the sum is shown live, red while it is not 100.
        await page.GetByTestId("add-criterion").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await Fields.CommitAsync(RowInput(page, 3, "criterion-name"), "培训方案");
        await Fields.CommitAsync(RowInput(page, 3, "criterion-weight"), "10");
        await Assertions.Expect(sum).ToHaveAttributeAsync("data-sum", "110");
        await Assertions.Expect(sum).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-error-text"));
        await Assertions.Expect(sum).ToContainTextAsync("110");

        // One price criterion: choosing another row moves the choice.
        var radios = page.Locator("[data-testid='criterion-row'] input[type='radio']");
        await Assertions.Expect(radios).ToHaveCountAsync(4);
        await Assertions.Expect(radios.Nth(0)).ToBeCheckedAsync();
        await radios.Nth(1).CheckAsync();
        await Assertions.Expect(radios.Nth(1)).ToBeCheckedAsync();
        await Assertions.Expect(radios.Nth(0)).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[data-testid='criterion-row'] input[type='radio']:checked")).ToHaveCountAsync(1);

        // A row removed: the sum follows, back to 100 and no longer red.
        await page.GetByTestId("remove-criterion").Nth(3).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(sum).ToHaveAttributeAsync("data-sum", "100");
        await Assertions.Expect(sum).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-error-text"));

        // A criterion without a name is marked at its row, and the mark goes when it is named.
        await Fields.CommitAsync(RowInput(page, 2, "criterion-name"), "");
        await page.GetByTestId("save-draft").ClickAsync();
        var nameError = page.GetByTestId("criterion-row").Nth(2).GetByText("请填写评分项名称。");
        await Assertions.Expect(nameError).ToBeVisibleAsync();
        await Fields.CommitAsync(RowInput(page, 2, "criterion-name"), "售后服务");
        await Assertions.Expect(nameError).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "tender-editor-criteria-zh.png"), FullPage = true });
        await Axe.AssertNoSeriousViolationsAsync(page, "tender-editor-with-errors");
    }

    [Fact]
    public async Task ASizeBarOnALotNotReservedIsPublishedOnlyWithAJustificationShownOnTheTenderPage()
    {
        var page = await OfficerAsync();
        await page.OpenAsync("/tenders/new");
        var title = $"园区安防运维 {Guid.NewGuid():N}"[..16];
        await Fields.CommitAsync(page, "tender-title", title);
        await Fields.CommitAsync(page, "tender-buyer", "杭州市滨江区城市管理局");
        await Fields.CommitAsync(page, "tender-budget", "3000000");
        await Fields.CommitAsync(page, "tender-description", "园区安防系统驻场运维。");
        await page.GetByTestId("tender-category").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "城市管理" }).First.ClickAsync();
        await Fields.CommitAsync(page, "lot-title", "标段1：安防驻场运维");
        await Fields.CommitAsync(page, "lot-value", "2800000");
        await Fields.CommitAsync(page, "lot-description", "7×24小时驻场运维。");
        await page.Locator("[data-testid='lot-reserved'] input, input[data-testid='lot-reserved']").First.UncheckAsync();
        await page.GetByTestId("requirement-kind").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "其他条件" }).First.ClickAsync();
        await Fields.CommitAsync(page, "lot-statement", "注册资本不少于5000万元，员工人数不少于200人");

        // The warning names the article; the lot asks why it needs the bar.
        await Assertions.Expect(page.GetByTestId("fairness-warning")).ToContainTextAsync("财库〔2020〕46号第五条");
        await Assertions.Expect(page.GetByTestId("fairness-warning")).ToContainTextAsync("注册资本和员工人数");
        var justification = Fields.Input(page, "lot-justification");
        await Assertions.Expect(justification).ToBeVisibleAsync();
        await page.GetByTestId("tender-deadline").FillAsync(DateTimeOffset.UtcNow.AddDays(12).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm"));
        await page.GetByTestId("publish").ClickAsync();
        var refusal = page.GetByText("请删除该要求，或在发布前写明本标段需要该条件的理由", new() { Exact = false });
        await Assertions.Expect(refusal.First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-input-control.mud-input-error").Filter(new() { Has = page.Locator("textarea[data-testid='lot-justification'], [data-testid='lot-justification'] textarea") }))
            .ToHaveCountAsync(1);

        await Fields.CommitAsync(justification, "园区须7×24小时驻场200人，采购人已论证");
        await Assertions.Expect(page.Locator(".mud-input-control.mud-input-error")).ToHaveCountAsync(0);
        await page.GetByTestId("publish").ClickAsync();
        await page.WaitForURLAsync("**/lots/*");

        await page.OpenAsync("/tenders");
        await Fields.Input(page, "tender-search").FillAsync(title);
        await page.GetByTestId("tender-link").Filter(new() { HasText = title }).ClickAsync();
        await page.WaitForURLAsync("**/tenders/*-*");
        var shown = page.GetByTestId("requirement-justification");
        await Assertions.Expect(shown).ToContainTextAsync("园区须7×24小时驻场200人，采购人已论证");
        await Assertions.Expect(shown).ToContainTextAsync("财库〔2020〕46号第五条");
        await Assertions.Expect(shown).ToContainTextAsync("officer@demo.local");
        await Assertions.Expect(shown).ToContainTextAsync("北京时间");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "tender-size-bar-justified-zh.png"), FullPage = true });
    }

    /// <summary>The input of a field in the n-th criterion row (0-based).</summary>
    private static ILocator RowInput(IPage page, int row, string testId) =>
        page.GetByTestId("criterion-row").Nth(row).Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    private const int TenderListPageSize = Portal.Features.Tenders.Pages.TenderList.PageSize;
}

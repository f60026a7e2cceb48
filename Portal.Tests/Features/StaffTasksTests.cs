using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Domain.Subsidies;
using Portal.Features.Accounts;
using Portal.Features.Home;
using Portal.Localization;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>The officer's and the official's to-do lists on the home page, read from a real SQLite database.</summary>
public sealed class StaffTasksTests(SqliteStaffTasksApp app) : IClassFixture<SqliteStaffTasksApp>
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private static ClaimsPrincipal User(string email, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)], "test"));

    private async Task<IReadOnlyList<StaffTaskList>> ListsAsync(ClaimsPrincipal user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffTasks>().ForAsync(user);
    }

    [Fact]
    public async Task AnOfficerSeesTheLotClosingSoonWithItsDeadlineInChinaTimeAndTheDraftToFinish()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var closingId = await CreateTenderAsync(officer);
        var lotId = (await AddLotAsync(officer, closingId, title: "标段1：即将截止的门禁")).GetProperty("id").GetGuid();
        var deadline = app.Clock.GetUtcNow().AddDays(12);
        var published = await officer.PostAsJsonAsync($"/api/v1/tenders/{closingId}/publish", new { deadline });
        published.EnsureSuccessStatusCode();
        var draftId = await CreateTenderAsync(officer);
        // Nine days on, the lot closes in three: soon.
        app.Clock.Advance(TimeSpan.FromDays(9));

        var lists = await ListsAsync(User("officer@demo.local", Roles.Officer));

        Assert.Equal(["closing", "evaluate", "award", "contracts", "drafts"], lists.Select(l => l.Key));
        var closing = lists.Single(l => l.Key == "closing");
        var item = Assert.Single(closing.Items, i => i.Href == $"lots/{lotId}");
        Assert.Equal("标段1：即将截止的门禁", item.Subject);
        Assert.Equal($"投标截止 {Portal.Domain.Phrase.FormatChinaTime(deadline.UtcDateTime)} 北京时间", PortalText.Render(item.When!, Chinese));
        Assert.True(closing.Count >= closing.Items.Count);
        Assert.True(closing.Items.Count <= OfficerTasks.Shown);
        var drafts = lists.Single(l => l.Key == "drafts");
        var draftCount = await app.WithDbAsync(db => db.Tenders.CountAsync(t => t.Status == Portal.Domain.Tenders.TenderStatus.Draft));
        Assert.Equal(draftCount, drafts.Count);
        // Newest first: the draft just created leads, and its item opens the editor.
        Assert.Equal($"tenders/{draftId}/edit", drafts.Items[0].Href);
        Assert.Equal("草稿，含 0 个标段：请完善后发布。", PortalText.Render(drafts.Items[0].Detail, Chinese));
    }

    [Fact]
    public async Task AnOfficialSeesGrantsAndIdleSystemsAndOthersSeeNoList()
    {
        var official = await ListsAsync(User("official@demo.local", Roles.Official));
        var sme = await ListsAsync(User("sme@demo.local", Roles.Sme));

        Assert.Equal(["grants-approve", "grants-disburse", "idle-systems"], official.Select(l => l.Key));
        var eligible = await app.WithDbAsync(db => db.SubsidyGrants.CountAsync(g => g.State == GrantState.Eligible));
        var approved = await app.WithDbAsync(db => db.SubsidyGrants.CountAsync(g => g.State == GrantState.Approved));
        Assert.Equal((eligible, approved), (official[0].Count, official[1].Count));
        Assert.All(official.SelectMany(l => l.Items), i => Assert.True(i.Href is "subsidies" || i.Href.StartsWith("systems/", StringComparison.Ordinal)));
        Assert.Empty(sme);
    }
}

public sealed class SqliteStaffTasksApp() : PortalApp(DatabaseProvider.Sqlite);

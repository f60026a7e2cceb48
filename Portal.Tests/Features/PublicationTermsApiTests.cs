using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// The officer chooses a tender's small and micro enterprise price deduction (10–20%) when publishing it, through the
/// API and the editor's service; the tender and its lots show the terms they keep; a deduction out of range is refused
/// naming the field, and nothing is published.
/// </summary>
public abstract class PublicationTermsApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private async Task<(Guid TenderId, Guid OpenLot, Guid ReservedLot)> DraftAsync(HttpClient officer)
    {
        var tenderId = await CreateTenderAsync(officer);
        var open = (await AddLotAsync(officer, tenderId, reservedForSmes: false)).GetProperty("id").GetGuid();
        var reserved = (await AddLotAsync(officer, tenderId, reservedForSmes: true, title: "标段2：适老化界面")).GetProperty("id").GetGuid();
        return (tenderId, open, reserved);
    }

    private DateTimeOffset Deadline => app.Clock.GetUtcNow().AddDays(12);

    [Fact]
    public async Task TheOfficersDeductionIsKeptByTheTenderAndShownOnItsLotsNotReservedForSmes()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var (tenderId, openLot, reservedLot) = await DraftAsync(officer);
        var draft = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}");
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("smallMicroPriceDeduction").ValueKind);
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("standstillPeriod").ValueKind);

        var published = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { deadline = Deadline, smallMicroPriceDeduction = 0.15m });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var tender = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}");
        Assert.Equal(0.15m, tender.GetProperty("smallMicroPriceDeduction").GetDecimal());
        Assert.Equal("7.00:00:00", tender.GetProperty("standstillPeriod").GetString());
        Assert.Equal("00:30:00", tender.GetProperty("decryptionWindow").GetString());
        using var visitor = app.CreateHttpClient();
        var open = await visitor.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{openLot}");
        Assert.Equal(0.15m, open.GetProperty("smallMicroPriceDeduction").GetDecimal());
        Assert.Equal("7.00:00:00", open.GetProperty("standstillPeriod").GetString());
        Assert.Equal("00:30:00", open.GetProperty("decryptionWindow").GetString());
        // No price is reduced in a lot reserved for SMEs.
        var reserved = await visitor.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{reservedLot}");
        Assert.Equal(JsonValueKind.Null, reserved.GetProperty("smallMicroPriceDeduction").ValueKind);
        Assert.Equal(0.15m, await app.WithDbAsync(db => db.Tenders.Where(t => t.Id == tenderId).Select(t => t.SmallMicroPriceDeduction).SingleAsync()));

        // The lot page says it, in the reader's language; the reserved lot's page does not.
        Assert.Equal("小型和微型企业价格扣除 15%", await LotPages.ShownDeductionAsync(app, openLot));
        Assert.Null(await LotPages.ShownDeductionAsync(app, reservedLot));
    }

    [Fact]
    public async Task WithoutAChoiceTheTenderKeepsTheSettingsDeduction()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var (tenderId, openLot, _) = await DraftAsync(officer);

        await PublishAsync(officer, tenderId, Deadline);

        Assert.Equal(0.10m, (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}")).GetProperty("smallMicroPriceDeduction").GetDecimal());
        Assert.Equal("小型和微型企业价格扣除 10%", await LotPages.ShownDeductionAsync(app, openLot));
    }

    [Theory]
    [InlineData("0.05")]
    [InlineData("0.25")]
    [InlineData("15")]
    [InlineData("0.12345")]
    public async Task ADeductionOutsideTenToTwentyPercentIs400NamingItAndPublishesNothing(string deduction)
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var (tenderId, openLot, _) = await DraftAsync(officer);

        var response = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish",
            new { deadline = Deadline, smallMicroPriceDeduction = decimal.Parse(deduction, System.Globalization.CultureInfo.InvariantCulture) });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "smallMicroPriceDeduction");
        var tender = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}");
        Assert.Equal("draft", tender.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, tender.GetProperty("deadline").ValueKind);
        Assert.Equal(JsonValueKind.Null, tender.GetProperty("smallMicroPriceDeduction").ValueKind);
        Assert.Equal(LotStatus.Draft, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == openLot).Select(l => l.Status).SingleAsync()));
    }

    /// <summary>The editor creates and publishes in one save (and publishes a draft it saved before) with the officer's deduction.</summary>
    [Fact]
    public async Task TheEditorPublishesWithTheOfficersDeductionAndARefusedOneWritesNothing()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenders = scope.ServiceProvider.GetRequiredService<TenderService>();
        var title = $"滨江区智慧停车 {Guid.NewGuid():N}";
        var input = new TenderInput(title, "路侧泊位地磁与收费系统。", "杭州市滨江区城市管理局", 1_000_000m, "smart-parking");
        LotInput Lot() => new("标段1：地磁感应", "路侧泊位地磁感应器 600 个。", 900_000m, false, [],
            [new("Price", 30, IsPrice: true), new("Technical solution", 70, IsPrice: false)]);

        var refused = await Assert.ThrowsAsync<DomainException>(() => tenders.CreateWithLotsAsync(input, [Lot()], Deadline, 0.21m));
        Assert.Equal("smallMicroPriceDeduction", refused.Field);
        Assert.False(await app.WithDbAsync(db => db.Tenders.AnyAsync(t => t.Title == title)));

        var created = await tenders.CreateWithLotsAsync(input, [Lot()], Deadline, 0.125m);
        Assert.Equal(0.125m, await app.WithDbAsync(db => db.Tenders.Where(t => t.Id == created.Id).Select(t => t.SmallMicroPriceDeduction).SingleAsync()));

        var draft = await tenders.CreateWithLotsAsync(input with { Title = title + " 二" }, [Lot()], publishDeadline: null);
        var lotId = draft.Lots[0].Id;
        await Assert.ThrowsAsync<DomainException>(() => tenders.ReviseDraftAsync(draft.Id, input, [(lotId, Lot())], Deadline, 0.09m));
        Assert.Equal(TenderStatus.Draft, await app.WithDbAsync(db => db.Tenders.Where(t => t.Id == draft.Id).Select(t => t.Status).SingleAsync()));
        await tenders.ReviseDraftAsync(draft.Id, input, [(lotId, Lot())], Deadline, 0.2m);
        var revised = await app.WithDbAsync(db => db.Tenders.AsNoTracking().SingleAsync(t => t.Id == draft.Id));
        Assert.Equal(new PublicationTerms(0.20m, TimeSpan.FromDays(7), TimeSpan.FromMinutes(30)), revised.Terms);
    }
}

public sealed class SqlitePublicationTermsApiTests(SqlitePortalApp app) : PublicationTermsApiTests<SqlitePortalApp>(app);

public sealed class PostgresPublicationTermsApiTests(PostgresPortalApp app) : PublicationTermsApiTests<PostgresPortalApp>(app);

/// <summary>Reads a lot's public page as a visitor sees it.</summary>
internal static class LotPages
{
    /// <summary>What a lot's page (prerendered, in Chinese) says about the price deduction; null when it says nothing.</summary>
    internal static async Task<string?> ShownDeductionAsync(PortalApp app, Guid lotId)
    {
        using var visitor = app.CreateHttpClient(language: null);
        visitor.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        var page = new HtmlParser().ParseDocument(await visitor.GetStringAsync($"/lots/{lotId}"));
        return page.QuerySelector("[data-testid='price-deduction']")?.TextContent.Trim();
    }
}

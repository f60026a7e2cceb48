using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Subsidies;
using Portal.Domain.Tenders;
using Portal.Features.Subsidies;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.AwardedLots;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// Contracts after the standstill and the subsidy ledger (eligible → approved → disbursed, or rejected), through the
/// API on SQLite and PostgreSQL: the happy path with the amount checked by hand, every refusal with nothing written,
/// and two officials approving one grant at once.
/// </summary>
public abstract class SubsidyApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private Task<HttpClient> OfficialAsync() => app.CreateClientForAsync("official@demo.local");

    private Task<(int Contracts, int Grants)> CountsAsync(Guid lotId) => app.WithDbAsync(async db =>
        (await db.Contracts.CountAsync(c => c.LotId == lotId), await db.SubsidyGrants.CountAsync(g => g.LotId == lotId)));

    private Task<SubsidyGrant> GrantAsync(Guid grantId) =>
        app.WithDbAsync(db => db.SubsidyGrants.AsNoTracking().SingleAsync(g => g.Id == grantId));

    /// <summary>An awarded lot past its standstill, its contract recorded with the SME winner: the grant's id.</summary>
    private async Task<Guid> EligibleGrantAsync(decimal contractValueYuan = 800_000m)
    {
        var lot = await ArrangeAsync(app);
        var contract = await RecordContractAsync(app, lot, contractValueYuan);
        return contract.GetProperty("grant").GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> LedgerAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/subsidies" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (int Count, decimal Amount) Total(JsonElement ledger, string state)
    {
        var total = ledger.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("state").GetString() == state);
        return (total.GetProperty("count").GetInt32(), total.GetProperty("amountYuan").GetDecimal());
    }

    [Fact]
    public async Task AContractWithAnSmeWinnerCreatesOneEligibleGrantOfTenPercentToTheFen()
    {
        var lot = await ArrangeAsync(app);

        var contract = await RecordContractAsync(app, lot, 823_456.78m);

        // By hand: 823,456.78 × 10% = 82,345.678 → 82,345.68 yuan (rounded to the fen).
        var grant = contract.GetProperty("grant");
        Assert.Equal(82_345.68m, grant.GetProperty("amountYuan").GetDecimal());
        Assert.Equal("eligible", grant.GetProperty("state").GetString());
        Assert.Equal(823_456.78m, contract.GetProperty("valueYuan").GetDecimal());
        Assert.Equal(lot.SupplierId, contract.GetProperty("supplierId").GetGuid());
        Assert.Equal("2027-01-01", contract.GetProperty("startsOn").GetString());
        Assert.Equal((1, 1), await CountsAsync(lot.LotId));
        Assert.Equal(LotStatus.Contracted, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lot.LotId).Select(l => l.Status).SingleAsync()));
        using var official = await OfficialAsync();
        var item = Assert.Single((await LedgerAsync(official)).GetProperty("items").EnumerateArray(), i => i.GetProperty("lotId").GetGuid() == lot.LotId);
        Assert.Equal((823_456.78m, 82_345.68m, "eligible"), (item.GetProperty("contractValueYuan").GetDecimal(), item.GetProperty("amountYuan").GetDecimal(), item.GetProperty("state").GetString()));
        Assert.Equal(lot.SupplierId, item.GetProperty("supplierId").GetGuid());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("supplierName").GetString()));
    }

    [Fact]
    public async Task ALargeWinnerGetsItsContractButNoGrant()
    {
        var lot = await ArrangeAsync(app, winnerEmail: "large@demo.local");

        var contract = await RecordContractAsync(app, lot, 850_000m);

        Assert.Equal(JsonValueKind.Null, contract.GetProperty("grant").ValueKind);
        Assert.Equal((1, 0), await CountsAsync(lot.LotId));
    }

    [Fact]
    public async Task ASecondContractIsAConflictAndTheLotKeepsOneContractAndOneGrant()
    {
        var lot = await ArrangeAsync(app);
        await RecordContractAsync(app, lot, 850_000m);
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        var second = await officer.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/contract", ContractBody(800_000m));

        await AssertProblemAsync(second, HttpStatusCode.Conflict, "already has its contract");
        Assert.Equal((1, 1), await CountsAsync(lot.LotId));
    }

    [Fact]
    public async Task AContractBeforeTheStandstillEndsIsAConflictNamingTheEndAndNothingIsWritten()
    {
        var lot = await ArrangeAsync(app, pastStandstill: false);
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        var early = await officer.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/contract", ContractBody(850_000m));

        // The end of the standstill is named in China time, as the officer reads it.
        await AssertProblemAsync(early, HttpStatusCode.Conflict, lot.StandstillEndsAtUtc.AddHours(8).ToString("yyyy-MM-dd HH:mm") + " Beijing time");
        Assert.Equal((0, 0), await CountsAsync(lot.LotId));
        Assert.Equal(LotStatus.Awarded, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lot.LotId).Select(l => l.Status).SingleAsync()));
    }

    public static TheoryData<string, string> BadContracts => new()
    {
        { """{"valueYuan": 850000.01, "startsOn": "2027-01-01", "endsOn": "2027-12-31"}""", "valueYuan" },
        { """{"valueYuan": -5, "startsOn": "2027-01-01", "endsOn": "2027-12-31"}""", "valueYuan" },
        { """{"startsOn": "2027-01-01", "endsOn": "2027-12-31"}""", "valueYuan" },
        { """{"valueYuan": 800000, "startsOn": "2027-06-01", "endsOn": "2027-05-31"}""", "endsOn" },
        { """{"valueYuan": 800000, "endsOn": "2027-05-31"}""", "startsOn" },
    };

    [Theory]
    [MemberData(nameof(BadContracts))]
    public async Task ImpossibleValuesAndDatesAreABadRequestNamingTheFieldAndNothingIsWritten(string body, string field)
    {
        var lot = await ArrangeAsync(app);
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        var response = await officer.PostAsync($"/api/v1/lots/{lot.LotId}/contract", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal((0, 0), await CountsAsync(lot.LotId));
    }

    [Fact]
    public async Task OnlyOfficersRecordContractsAndOnlyForAwardedLots()
    {
        var lot = await ArrangeAsync(app);
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var openLot = (await AddLotAsync(officer, tenderId)).GetProperty("id").GetGuid();
        await PublishAsync(officer, tenderId, app.Clock.GetUtcNow().AddDays(14));

        var bySme = await sme.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/contract", ContractBody(850_000m));
        var notAwarded = await officer.PostAsJsonAsync($"/api/v1/lots/{openLot}/contract", ContractBody(850_000m));

        Assert.Equal(HttpStatusCode.Forbidden, bySme.StatusCode);
        await AssertProblemAsync(notAwarded, HttpStatusCode.Conflict, "awarded lot");
        Assert.Equal((0, 0), await CountsAsync(lot.LotId));
    }

    [Fact]
    public async Task AnOfficialApprovesThenDisbursesAndTheLedgerShowsTheGrantOnceWithItsTotals()
    {
        var grantId = await EligibleGrantAsync(800_000m);
        using var official = await OfficialAsync();
        var before = await LedgerAsync(official);

        var approved = await official.PostAsync($"/api/v1/subsidies/{grantId}/approve", null);
        var disbursed = await official.PostAsJsonAsync($"/api/v1/subsidies/{grantId}/disburse", new { paymentReference = "CZ-2027-000123" });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, disbursed.StatusCode);
        var after = await LedgerAsync(official);
        var item = Assert.Single(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == grantId);
        Assert.Equal(("disbursed", 80_000m, "CZ-2027-000123", "official@demo.local"),
            (item.GetProperty("state").GetString(), item.GetProperty("amountYuan").GetDecimal(), item.GetProperty("paymentReference").GetString(), item.GetProperty("decidedBy").GetString()));
        Assert.Equal((Total(before, "eligible").Count - 1, Total(before, "eligible").Amount - 80_000m), Total(after, "eligible"));
        Assert.Equal((Total(before, "disbursed").Count + 1, Total(before, "disbursed").Amount + 80_000m), Total(after, "disbursed"));
        Assert.Equal(after.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("state").GetString() == "disbursed").Sum(i => i.GetProperty("amountYuan").GetDecimal()),
            Total(after, "disbursed").Amount);
        var grant = await GrantAsync(grantId);
        Assert.Equal((GrantState.Disbursed, 3), (grant.State, grant.Version));
    }

    [Fact]
    public async Task RepeatedAndOutOfOrderTransitionsAreRefusedWithAReasonAndNothingIsWritten()
    {
        var grantId = await EligibleGrantAsync();
        using var official = await OfficialAsync();

        var disburseEligible = await official.PostAsJsonAsync($"/api/v1/subsidies/{grantId}/disburse", new { paymentReference = "CZ-1" });
        var rejectWithoutReason = await official.PostAsJsonAsync($"/api/v1/subsidies/{grantId}/reject", new { reason = "  " });
        Assert.Equal(1, (await GrantAsync(grantId)).Version);
        Assert.Equal(HttpStatusCode.OK, (await official.PostAsync($"/api/v1/subsidies/{grantId}/approve", null)).StatusCode);
        var approveAgain = await official.PostAsync($"/api/v1/subsidies/{grantId}/approve", null);
        var rejectApproved = await official.PostAsJsonAsync($"/api/v1/subsidies/{grantId}/reject", new { reason = "Late documents" });
        var disburseWithoutReference = await official.PostAsJsonAsync($"/api/v1/subsidies/{grantId}/disburse", new { paymentReference = "" });

        await AssertProblemAsync(disburseEligible, HttpStatusCode.Conflict, "Only an approved grant can be disbursed");
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithoutReason.StatusCode);
        Assert.True((await rejectWithoutReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        await AssertProblemAsync(approveAgain, HttpStatusCode.Conflict, "This grant is approved: it can no longer be approved");
        await AssertProblemAsync(rejectApproved, HttpStatusCode.Conflict, "can no longer be rejected");
        Assert.Equal(HttpStatusCode.BadRequest, disburseWithoutReference.StatusCode);
        var grant = await GrantAsync(grantId);
        Assert.Equal((GrantState.Approved, 2, null, null), (grant.State, grant.Version, grant.PaymentReference, grant.RejectionReason));
    }

    [Fact]
    public async Task ARejectedGrantKeepsItsReasonAndIsNeverApprovedOrPaid()
    {
        var grantId = await EligibleGrantAsync();
        using var official = await OfficialAsync();

        var rejected = await official.PostAsJsonAsync($"/api/v1/subsidies/{grantId}/reject", new { reason = "中标企业已在同一项目获得其他财政补贴。" });
        var approve = await official.PostAsync($"/api/v1/subsidies/{grantId}/approve", null);
        var disburse = await official.PostAsJsonAsync($"/api/v1/subsidies/{grantId}/disburse", new { paymentReference = "CZ-9" });

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var item = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("rejected", "中标企业已在同一项目获得其他财政补贴。"), (item.GetProperty("state").GetString(), item.GetProperty("rejectionReason").GetString()));
        await AssertProblemAsync(approve, HttpStatusCode.Conflict, "rejected");
        await AssertProblemAsync(disburse, HttpStatusCode.Conflict, "rejected");
        Assert.Equal((GrantState.Rejected, 2), ((await GrantAsync(grantId)).State, (await GrantAsync(grantId)).Version));
    }

    [Fact]
    public async Task TwoOfficialsApprovingOneGrantAtTheSameMomentLeaveExactlyOneApproval()
    {
        var grantId = await EligibleGrantAsync();
        using var first = await OfficialAsync();
        using var second = await OfficialAsync();

        var responses = await Task.WhenAll(
            first.PostAsync($"/api/v1/subsidies/{grantId}/approve", null),
            second.PostAsync($"/api/v1/subsidies/{grantId}/approve", null));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        var message = await loser.Content.ReadAsStringAsync();
        // Which refusal depends on timing: the loser either found the grant approved, or lost the save to the winner.
        Assert.True(message.Contains("changed by someone else") || message.Contains("can no longer be approved"), message);
        var grant = await GrantAsync(grantId);
        Assert.Equal((GrantState.Approved, 2), (grant.State, grant.Version));
    }

    [Fact]
    public async Task TheSecondOfTwoOfficialsHoldingTheSameGrantIsToldItChangedAndNothingIsWritten()
    {
        var grantId = await EligibleGrantAsync();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var firstDb = await contexts.CreateDbContextAsync();
        await using var secondDb = await contexts.CreateDbContextAsync();
        var firstCopy = await firstDb.SubsidyGrants.SingleAsync(g => g.Id == grantId);
        var secondCopy = await secondDb.SubsidyGrants.SingleAsync(g => g.Id == grantId);
        var programme = await firstDb.SubsidyProgrammes.AsNoTracking().SingleAsync(p => p.Id == firstCopy.ProgrammeId);
        await using var scope = app.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<SubsidyLedger>();
        var now = app.Clock.GetUtcNow().UtcDateTime;

        firstCopy.Approve(programme, 0m, "first@demo.local", now);
        secondCopy.Reject("Duplicate application.", "second@demo.local", now);
        await ledger.SaveDecisionAsync(firstDb, firstCopy, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<DomainException>(() => ledger.SaveDecisionAsync(secondDb, secondCopy, CancellationToken.None));

        Assert.Equal((DomainErrorKind.Conflict, SubsidyLedger.ChangedMeanwhile), (ex.Kind, ex.Message));
        Assert.Contains("changed by someone else", ex.Message);
        var grant = await GrantAsync(grantId);
        Assert.Equal((GrantState.Approved, "first@demo.local", null, 2), (grant.State, grant.DecidedBy, grant.RejectionReason, grant.Version));
    }

    [Fact]
    public async Task EachSmeSeesOnlyItsOwnGrantsAndOthersAreRefused()
    {
        var grantId = await EligibleGrantAsync();
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        using var large = await app.CreateClientForAsync("large@demo.local");
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var anonymous = app.CreateHttpClient();
        var smeSupplier = await app.WithDbAsync(db => db.Suppliers
            .Join(db.Users.Where(u => u.Email == "sme@demo.local"), s => s.OwnerUserId, u => u.Id, (s, _) => s.Id).SingleAsync());

        var mine = await LedgerAsync(sme);
        var theirs = await LedgerAsync(large);

        Assert.Contains(mine.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == grantId);
        Assert.All(mine.GetProperty("items").EnumerateArray(), i => Assert.Equal(smeSupplier, i.GetProperty("supplierId").GetGuid()));
        Assert.Empty(theirs.GetProperty("items").EnumerateArray());
        Assert.Equal(0, mine.GetProperty("programmes").GetArrayLength());
        await AssertProblemAsync(await officer.GetAsync("/api/v1/subsidies"), HttpStatusCode.Forbidden, "officials");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/subsidies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sme.PostAsync($"/api/v1/subsidies/{grantId}/approve", null)).StatusCode);
        Assert.Equal(GrantState.Eligible, (await GrantAsync(grantId)).State);
    }

    [Fact]
    public async Task TheLedgerFiltersByStateYearAndSupplierAndRefusesAnUnknownState()
    {
        var grantId = await EligibleGrantAsync();
        using var official = await OfficialAsync();
        Assert.Equal(HttpStatusCode.OK, (await official.PostAsync($"/api/v1/subsidies/{grantId}/approve", null)).StatusCode);
        var grant = await GrantAsync(grantId);
        var year = await app.WithDbAsync(db => db.SubsidyProgrammes.Where(p => p.Id == grant.ProgrammeId).Select(p => p.Year).SingleAsync());

        var approved = await LedgerAsync(official, $"?state=approved&year={year}&supplier={grant.SupplierId}");
        var otherYear = await LedgerAsync(official, $"?year={year - 1}");
        var unknown = await official.GetAsync("/api/v1/subsidies?state=paid");

        Assert.Contains(approved.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == grantId);
        Assert.All(approved.GetProperty("items").EnumerateArray(), i =>
            Assert.Equal(("approved", year, grant.SupplierId), (i.GetProperty("state").GetString(), i.GetProperty("year").GetInt32(), i.GetProperty("supplierId").GetGuid())));
        Assert.Equal(0, Total(approved, "eligible").Count);
        var budget = Assert.Single(approved.GetProperty("programmes").EnumerateArray());
        Assert.Equal(budget.GetProperty("annualBudgetYuan").GetDecimal() - budget.GetProperty("committedYuan").GetDecimal(), budget.GetProperty("remainingYuan").GetDecimal());
        Assert.DoesNotContain(otherYear.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == grantId);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("state", out _));
    }

    [Fact]
    public async Task TheCsvExportHasAByteOrderMarkAndOneParsableLinePerGrant()
    {
        var grantId = await EligibleGrantAsync(654_321.05m);
        using var official = await OfficialAsync();
        var ledger = await LedgerAsync(official);

        var response = await official.GetAsync("/api/v1/subsidies.csv");
        var viaFormat = await official.GetAsync("/api/v1/subsidies?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(bytes, await viaFormat.Content.ReadAsByteArrayAsync());
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = Csv.SplitLine(lines[0]);
        Assert.Equal(SubsidyLedger.CsvHeader, header);
        Assert.Equal(ledger.GetProperty("items").GetArrayLength(), lines.Length - 1);
        var row = Csv.SplitLine(Assert.Single(lines, l => l.StartsWith(grantId.ToString(), StringComparison.Ordinal)));
        string Cell(string name) => row[Array.IndexOf(header, name)];
        var item = ledger.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == grantId);
        // By hand: 654,321.05 × 10% = 65,432.105 → 65,432.11 yuan.
        Assert.Equal(("eligible", "654321.05", "65432.11"), (Cell("state"), Cell("contractValueYuan"), Cell("amountYuan")));
        Assert.Equal(item.GetProperty("supplierName").GetString(), Cell("supplierName"));
        Assert.Equal(item.GetProperty("lotTitle").GetString(), Cell("lotTitle"));
        Assert.Contains("智能门禁", Cell("tenderTitle"));
    }

    [Fact]
    public async Task TwoRequestsCreatingTheSameYearsProgrammeEndWithOne()
    {
        const int year = 2099;
        await using var scope1 = app.Services.CreateAsyncScope();
        await using var scope2 = app.Services.CreateAsyncScope();

        var programmes = await Task.WhenAll(
            scope1.ServiceProvider.GetRequiredService<SubsidyProgrammes>().ForYearAsync(year),
            scope2.ServiceProvider.GetRequiredService<SubsidyProgrammes>().ForYearAsync(year));

        Assert.Equal(programmes[0].Id, programmes[1].Id);
        Assert.Equal((0.10m, 50_000_000m), (programmes[0].Rate, programmes[0].AnnualBudgetYuan));
        Assert.Equal(1, await app.WithDbAsync(db => db.SubsidyProgrammes.CountAsync(p => p.Year == year)));
    }
}

public sealed class SqliteSubsidyApiTests(SqliteSubsidyApp app) : SubsidyApiTests<SqliteSubsidyApp>(app);

public sealed class PostgresSubsidyApiTests(PostgresSubsidyApp app) : SubsidyApiTests<PostgresSubsidyApp>(app);

/// <summary>Own app instances: these tests move the clock far forward.</summary>
public sealed class SqliteSubsidyApp() : PortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresSubsidyApp() : PortalApp(DatabaseProvider.Postgres);

/// <summary>A programme whose budget pays one grant of 85,000 yuan but not two.</summary>
public abstract class SubsidyBudgetTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task AGrantBeyondTheRemainingBudgetIsNotApprovableAndSaysWhatRemains()
    {
        // Both contracts in the same moment, hence the same budget year: the second arrangement passes the first's standstill.
        var first = await ArrangeAsync(app, pastStandstill: false);
        var second = await ArrangeAsync(app);
        var firstGrant = (await RecordContractAsync(app, first, 850_000m)).GetProperty("grant").GetProperty("id").GetGuid();
        var secondGrant = (await RecordContractAsync(app, second, 850_000m)).GetProperty("grant").GetProperty("id").GetGuid();
        using var official = await app.CreateClientForAsync("official@demo.local");

        var approved = await official.PostAsync($"/api/v1/subsidies/{firstGrant}/approve", null);
        var refused = await official.PostAsync($"/api/v1/subsidies/{secondGrant}/approve", null);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        // 100,000 budget − 85,000 approved = 15,000 remaining; the second grant is 85,000.
        await AssertProblemAsync(refused, HttpStatusCode.Conflict, "(¥15,000.00 of ¥100,000.00)");
        var grant = await app.WithDbAsync(db => db.SubsidyGrants.AsNoTracking().SingleAsync(g => g.Id == secondGrant));
        Assert.Equal((GrantState.Eligible, 1, null), (grant.State, grant.Version, grant.DecidedBy));
    }
}

public sealed class SqliteSubsidyBudgetTests(SqliteSmallBudgetApp app) : SubsidyBudgetTests<SqliteSmallBudgetApp>(app);

public sealed class PostgresSubsidyBudgetTests(PostgresSmallBudgetApp app) : SubsidyBudgetTests<PostgresSmallBudgetApp>(app);

public sealed class SqliteSmallBudgetApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Subsidy:AnnualBudgetYuan", "100000")];
}

public sealed class PostgresSmallBudgetApp() : PortalApp(DatabaseProvider.Postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Subsidy:AnnualBudgetYuan", "100000")];
}

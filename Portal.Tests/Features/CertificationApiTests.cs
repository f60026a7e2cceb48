using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Seeding;
using Portal.Domain.Suppliers;
using Portal.Tests.Infrastructure;

using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// Certifications by kind through the API: the catalogue, profiles and requirements by name or key, eligibility and
/// bids decided by kind, the supplier filter by kind, certificate evidence, and the backfill of names stored before
/// the catalogue (decision 0023). The same tests run on SQLite and PostgreSQL.
/// </summary>
public abstract class CertificationApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CertificationApp
{
    private static object Profile(string creditCode, params object[] certifications) => new
    {
        name = $"杭州等保测试科技有限公司{creditCode[^4..]}",
        creditCode,
        industry = "software_it_services",
        employees = 45,
        revenueYuan = 18_500_000m,
        assetsYuan = 9_000_000m,
        region = "杭州市",
        capabilities = "政务云安全运维与等级保护测评整改。",
        categories = new[] { "smart-waste" },
        certifications,
        pastProjects = Array.Empty<object>(),
    };

    /// <summary>A new SME user with its own profile holding <paramref name="certifications"/>; the profile as answered.</summary>
    private async Task<(HttpClient Client, JsonElement Profile)> NewSmeAsync(params object[] certifications)
    {
        var email = $"sme-{Guid.NewGuid():N}@example.cn";
        using var anonymous = app.CreateHttpClient();
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Str0ng#Pass" })).EnsureSuccessStatusCode();
        var client = await app.CreateClientForAsync(email, "Str0ng#Pass");
        var created = await client.PostAsJsonAsync("/api/v1/suppliers", Profile(TestCreditCodes.New("91330106"), certifications));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (client, await created.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<Guid> PublishedLotAsync(params object[] requirements)
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: true, requirements)).GetProperty("id").GetGuid();
        await PublishAsync(officer, tenderId, app.Clock.GetUtcNow().AddDays(14));
        return lotId;
    }

    private string ValidUntil(int years = 2) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddYears(years).ToString("yyyy-MM-dd");

    [Fact]
    public async Task TheCatalogueListsEveryKindWithItsNamesInTheReadersLanguage()
    {
        using var english = app.CreateHttpClient();
        using var chinese = app.CreateHttpClient(language: "zh-CN");

        var en = await english.GetFromJsonAsync<JsonElement>("/api/v1/certification-kinds");
        var zh = await chinese.GetFromJsonAsync<JsonElement>("/api/v1/certification-kinds");

        Assert.Equal(CertificationCatalogue.All.Count, en.GetProperty("items").GetArrayLength());
        Assert.Equal("other", en.GetProperty("otherKey").GetString());
        var mlps3 = en.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("key").GetString() == "mlps-3");
        Assert.Equal("MLPS Level 3", mlps3.GetProperty("name").GetString());
        Assert.Equal("网络安全等级保护三级", mlps3.GetProperty("nameZh").GetString());
        Assert.Contains("等保三级", mlps3.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("mlps", mlps3.GetProperty("scale").GetString());
        Assert.Equal("网络安全等级保护三级", zh.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("key").GetString() == "mlps-3").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnMlpsLevel3HolderIsEligibleForAn等保三级LotAndItsBidIsReceived()
    {
        var (sme, profile) = await NewSmeAsync(new { name = "MLPS Level 3", validUntil = ValidUntil() });
        using var owner = sme;
        var lotId = await PublishedLotAsync(new { kind = "certification", name = "等保三级" });

        var eligibility = await sme.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/eligibility");
        var (bid, _) = await SealedBids.SubmitAsync(sme, lotId, 800_000m, "Proposal");

        Assert.Equal("mlps-3", profile.GetProperty("certifications")[0].GetProperty("certificationKey").GetString());
        Assert.Equal("MLPS Level 3", profile.GetProperty("certifications")[0].GetProperty("name").GetString());
        Assert.True(eligibility.GetProperty("eligible").GetBoolean());
        var requirement = eligibility.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "certification");
        Assert.True(requirement.GetProperty("met").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
    }

    [Fact]
    public async Task AHigherGradeIsEligibleAndALowerOneIsRefusedWith403()
    {
        var (higher, _) = await NewSmeAsync(new { certificationKey = "cmmi-5", validUntil = ValidUntil() });
        var (lower, _) = await NewSmeAsync(new { name = "CMMI 2", validUntil = ValidUntil() });
        using var h = higher;
        using var l = lower;
        var lotId = await PublishedLotAsync(new { kind = "certification", certificationKey = "cmmi-3" });

        var (accepted, _) = await SealedBids.SubmitAsync(higher, lotId, 800_000m, "Proposal");
        var (refused, _) = await SealedBids.SubmitAsync(lower, lotId, 800_000m, "Proposal");

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "CMMI Maturity Level 3");
    }

    [Fact]
    public async Task ARequirementByNameOrKeyIsAnsweredWithItsKeyAndName()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);

        var lot = await AddLotAsync(officer, tenderId, reservedForSmes: false, requirements:
        [
            new { kind = "certification", name = "ISO/IEC 27001:2022" },
            new { kind = "certification", certificationKey = "itss-3" },
            new { kind = "certification", certificationKey = "other", name = "涉密信息系统集成乙级" },
        ]);
        var tender = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}");
        var saved = tender.GetProperty("lots").EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == lot.GetProperty("id").GetGuid());
        var requirements = saved.GetProperty("requirements").EnumerateArray().Where(r => r.GetProperty("kind").GetString() == "certification").ToList();

        Assert.Equal(["iso-27001", "itss-3", "other"], requirements.Select(r => r.GetProperty("certificationKey").GetString()));
        Assert.Equal("ISO/IEC 27001 Information Security Management System", requirements[0].GetProperty("name").GetString());
        Assert.Equal("涉密信息系统集成乙级", requirements[2].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("iso-2700", null, "requirements.certificationKey")]
    [InlineData("mlps-3", "等保二级", "requirements.name")]
    [InlineData(null, null, "requirements.certificationKey")]
    public async Task ABadCertificationRequirementIsRefusedNamingTheField(string? key, string? name, string field)
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);

        var response = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/lots", new
        {
            title = "标段1",
            description = "等保整改。",
            valueYuan = 500_000m,
            reservedForSmes = false,
            requirements = new[] { new { kind = "certification", certificationKey = key, name } },
            criteria = Criteria,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task TheSupplierFilterMatchesByKindAndHigherGrades()
    {
        var (byName, mlps3) = await NewSmeAsync(new { name = "MLPS Level 3", validUntil = ValidUntil() });
        var (higher, mlps4) = await NewSmeAsync(new { name = "等保四级", validUntil = ValidUntil() });
        var (lower, mlps2) = await NewSmeAsync(new { name = "等保二级", validUntil = ValidUntil() });
        byName.Dispose();
        higher.Dispose();
        lower.Dispose();
        using var anonymous = app.CreateHttpClient();

        var found = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/suppliers?pageSize=100&certification=" + Uri.EscapeDataString("网络安全等级保护第三级"));
        var ids = found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

        Assert.Contains(mlps3.GetProperty("id").GetGuid(), ids);
        Assert.Contains(mlps4.GetProperty("id").GetGuid(), ids);
        Assert.DoesNotContain(mlps2.GetProperty("id").GetGuid(), ids);
        var hit = found.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == mlps3.GetProperty("id").GetGuid());
        Assert.Contains("MLPS Level 3", hit.GetProperty("certifications").EnumerateArray().Select(c => c.GetString()));
        Assert.True(found.GetProperty("facets").GetProperty("certification").TryGetProperty("MLPS Level 3", out _));
    }

    [Fact]
    public async Task AnSmeUploadsAPdfCertificateThatOnlyItselfOfficersAndEvaluatorsCanRead()
    {
        var (sme, profile) = await NewSmeAsync(new { name = "ISO 9001", validUntil = ValidUntil() });
        using var owner = sme;
        var supplierId = profile.GetProperty("id").GetGuid();
        var certificationId = profile.GetProperty("certifications")[0].GetProperty("id").GetGuid();
        var pdf = TestPdf.Create("ISO 9001 certificate");

        var uploaded = await UploadAsync(sme, supplierId, certificationId, pdf, "ISO9001证书.pdf");

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var view = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(view.GetProperty("evidenceUploaded").GetBoolean());
        var url = view.GetProperty("evidenceUrl").GetString()!;
        using var anonymous = app.CreateHttpClient();
        var pub = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/suppliers/{supplierId}");
        Assert.True(pub.GetProperty("certifications")[0].GetProperty("evidenceUploaded").GetBoolean());
        Assert.Equal(pdf, await (await sme.GetAsync(url)).Content.ReadAsByteArrayAsync());
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var evaluator = await app.CreateClientForAsync("evaluator@demo.local");
        using var otherSme = await app.CreateClientForAsync("sme@demo.local");
        var byOfficer = await officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, byOfficer.StatusCode);
        Assert.Equal("application/pdf", byOfficer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await byOfficer.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await evaluator.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSme.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        // Another SME cannot upload to this profile.
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(otherSme, supplierId, certificationId, pdf, "x.pdf")).StatusCode);
    }

    [Fact]
    public async Task ANewUploadReplacesTheCertificateAndItsFileAndAProfileUpdateKeepsIt()
    {
        var (sme, profile) = await NewSmeAsync(new { name = "ISO 9001", validUntil = ValidUntil() }, new { name = "CMMI 3", validUntil = ValidUntil() });
        using var owner = sme;
        var supplierId = profile.GetProperty("id").GetGuid();
        var certificationId = profile.GetProperty("certifications")[0].GetProperty("id").GetGuid();
        var first = await UploadAsync(sme, supplierId, certificationId, TestPdf.Create("first"), "first.pdf");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = TestPdf.Create("second");

        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(sme, supplierId, certificationId, second, "second.pdf")).StatusCode);
        var directory = Path.Combine(app.DataDirectory, "certificates", supplierId.ToString("N"));
        Assert.Single(Directory.GetFiles(directory));
        // The profile is saved again with the same certification written another way, and without CMMI 3.
        var updated = await sme.PutAsJsonAsync($"/api/v1/suppliers/{supplierId}", Profile(profile.GetProperty("creditCode").GetString()!,
            new { name = "质量管理体系认证", validUntil = ValidUntil(3) }));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var certification = (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("certifications")[0];
        Assert.Equal(certificationId, certification.GetProperty("id").GetGuid());
        Assert.True(certification.GetProperty("evidenceUploaded").GetBoolean());
        Assert.Equal(second, await (await sme.GetAsync(certification.GetProperty("evidenceUrl").GetString())).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AFileThatIsNotAPdfIsRefusedWith400NamingTheFieldAndNothingIsKept()
    {
        var (sme, profile) = await NewSmeAsync(new { name = "ISO 9001", validUntil = ValidUntil() });
        using var owner = sme;
        var supplierId = profile.GetProperty("id").GetGuid();
        var certificationId = profile.GetProperty("certifications")[0].GetProperty("id").GetGuid();

        var response = await UploadAsync(sme, supplierId, certificationId, "PK\u0003\u0004 this is a zip"u8.ToArray(), "certificate.pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out var messages));
        Assert.Contains("PDF", messages[0].GetString());
        Assert.False((await sme.GetFromJsonAsync<JsonElement>($"/api/v1/suppliers/{supplierId}")).GetProperty("certifications")[0].GetProperty("evidenceUploaded").GetBoolean());
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "certificates", supplierId.ToString("N"))));
    }

    [Theory]
    [InlineData(64 * 1024 + 1)]
    [InlineData(512 * 1024)]
    public async Task ACertificateOverTheLimitIsRefusedWith413NamingTheLimit(int size)
    {
        var (sme, profile) = await NewSmeAsync(new { name = "ISO 9001", validUntil = ValidUntil() });
        using var owner = sme;
        var supplierId = profile.GetProperty("id").GetGuid();
        var certificationId = profile.GetProperty("certifications")[0].GetProperty("id").GetGuid();

        var response = await UploadAsync(sme, supplierId, certificationId, TestPdf.Create("large", minimumBytes: size), "large.pdf");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "64 KB");
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _));
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "certificates", supplierId.ToString("N"))));
    }

    [Fact]
    public async Task NamesStoredBeforeTheCatalogueGetTheirKindOnceAndAgainChangesNothing()
    {
        var (sme, profile) = await NewSmeAsync(new { name = "ISO 9001", validUntil = ValidUntil() });
        sme.Dispose();
        var supplierId = profile.GetProperty("id").GetGuid();
        var lotId = await PublishedLotAsync(new { kind = "certification", name = "ISO 9001" });
        // As the portal wrote them before kinds: names only.
        await app.WithDbAsync(async db =>
        {
            var postgres = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
            var suppliers = await db.Database.ExecuteSqlRawAsync(postgres
                    ? "UPDATE \"Suppliers\" SET \"certifications\" = CAST({0} AS jsonb) WHERE \"Id\" = {1}"
                    : "UPDATE \"Suppliers\" SET \"certifications\" = {0} WHERE \"Id\" = {1}",
                "[{\"Name\":\"MLPS Level 3\",\"ValidUntil\":\"2030-01-01\"},{\"Name\":\"涉密资质\",\"ValidUntil\":\"2030-01-01\"}]", supplierId);
            var lots = await db.Database.ExecuteSqlRawAsync(postgres
                    ? "UPDATE \"Lots\" SET \"requirements\" = CAST({0} AS jsonb) WHERE \"Id\" = {1}"
                    : "UPDATE \"Lots\" SET \"requirements\" = {0} WHERE \"Id\" = {1}",
                "[{\"Kind\":\"SmeOnly\"},{\"Kind\":\"Certification\",\"CertificationName\":\"等保三级\"}]", lotId);
            return suppliers + lots;
        });

        var first = await app.WithDbAsync(db => CertificationKindBackfill.RunAsync(db));
        var again = await app.WithDbAsync(db => CertificationKindBackfill.RunAsync(db));

        Assert.True(first.Suppliers >= 1 && first.Lots >= 1);
        Assert.Equal(new CertificationKindBackfill.Report(0, 0), again);
        var supplier = await app.WithDbAsync(db => db.Suppliers.AsNoTracking().SingleAsync(s => s.Id == supplierId));
        Assert.Equal(["mlps-3", "other"], supplier.Certifications.Select(c => c.KindKey));
        Assert.Equal([null, "涉密资质"], supplier.Certifications.Select(c => c.Name));
        Assert.All(supplier.Certifications, c => Assert.NotEqual(Guid.Empty, c.Id));
        var lot = await app.WithDbAsync(db => db.Lots.AsNoTracking().SingleAsync(l => l.Id == lotId));
        Assert.Equal("mlps-3", lot.Requirements.Single(r => r.Kind == Portal.Domain.Tenders.RequirementKind.Certification).CertificationKey);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid supplierId, Guid certificationId, byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return client.PostAsync($"/api/v1/suppliers/{supplierId}/certifications/{certificationId}/evidence", form);
    }
}

/// <summary>The portal with a 64 KB limit on certificates, so that the limit is tested without large bodies.</summary>
public abstract class CertificationApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Certificates:MaxBytes", "65536")];
}

public sealed class SqliteCertificationApp() : CertificationApp(DatabaseProvider.Sqlite);

public sealed class PostgresCertificationApp() : CertificationApp(DatabaseProvider.Postgres);

public sealed class SqliteCertificationApiTests(SqliteCertificationApp app) : CertificationApiTests<SqliteCertificationApp>(app);

public sealed class PostgresCertificationApiTests(PostgresCertificationApp app) : CertificationApiTests<PostgresCertificationApp>(app);

using System.Runtime.CompilerServices;
using Portal.Domain.Bids;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Tests.Domain;

/// <summary>Valid domain objects for tests: change the one field a test is about with <c>with</c> or a named argument.</summary>
internal static class DomainBuilders
{
    /// <summary>A fixed "now" so dates in the tests never depend on the clock.</summary>
    public static readonly DateTime Now = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>Unified social credit codes whose check character was computed with the GB 32100-2015 algorithm.</summary>
    public const string CreditCodeA = "91440300MA5F00001A";
    public const string CreditCodeB = "91310115MA1K400028";
    public const string CreditCodeC = "92330100MA2A00003Q";

    public static SizeThresholdTable Table => SizeThresholdTable.Official;

    /// <summary>
    /// A valid profile of a small software firm (software_it_services, 120 employees, 800 万元 revenue: the README example).
    /// </summary>
    public static SupplierProfile ValidProfile(
        int employees = 120,
        decimal revenueYuan = 8_000_000m,
        decimal assetsYuan = 5_000_000m,
        string industry = "software_it_services",
        IReadOnlyList<Certification>? certifications = null,
        IReadOnlyList<PastProject>? pastProjects = null) =>
        new(
            Name: "杭州云栖智联科技有限公司",
            NameEn: "Hangzhou Yunqi Smart Link Technology Co., Ltd.",
            CreditCode: CreditCodeA,
            Industry: industry,
            Employees: employees,
            RevenueYuan: revenueYuan,
            AssetsYuan: assetsYuan,
            Region: "浙江省杭州市",
            Capabilities: "Smart parking sensors and the platform that runs them.",
            Categories: ["smart-parking", "iot-platform"],
            Certifications: certifications ?? [new Certification("ISO 27001", Today.AddYears(1))],
            PastProjects: pastProjects ?? [new PastProject("西湖区智慧停车一期", "西湖区城管局", 1_200_000m, Today.AddYears(-1), "400 on-street bays")]);

    public static Supplier RegisterSupplier(SupplierProfile? profile = null, string? owner = "user-1") =>
        Supplier.Register(profile ?? ValidProfile(), owner, Table, Now);

    /// <summary>A supplier of the given size class (software_it_services thresholds).</summary>
    public static Supplier SupplierOfSize(SizeClass sizeClass) => RegisterSupplier(sizeClass switch
    {
        SizeClass.Micro => ValidProfile(employees: 5, revenueYuan: 300_000m),
        SizeClass.Small => ValidProfile(employees: 120, revenueYuan: 8_000_000m),
        SizeClass.Medium => ValidProfile(employees: 200, revenueYuan: 20_000_000m),
        _ => ValidProfile(employees: 500, revenueYuan: 200_000_000m),
    });

    public static IReadOnlyList<AwardCriterion> Criteria() =>
    [
        new AwardCriterion("Price", 40, isPrice: true),
        new AwardCriterion("Technical solution", 45, isPrice: false),
        new AwardCriterion("Service and maintenance", 15, isPrice: false),
    ];

    public static LotDraft ValidLot(
        decimal valueYuan = 1_000_000m,
        bool reservedForSmes = false,
        IReadOnlyList<QualificationRequirement>? requirements = null,
        IReadOnlyList<AwardCriterion>? criteria = null,
        string title = "Lot: parking sensors") =>
        new(title, "Supply and install 400 parking sensors.", valueYuan, reservedForSmes, requirements ?? [], criteria ?? Criteria());

    public static Tender DraftTender(decimal budgetYuan = 5_000_000m) =>
        Tender.Create(
            "西湖区智慧停车二期", "Smart parking for the Xihu district, phase 2.", "杭州市西湖区城市管理局", budgetYuan, "smart-parking", Now);

    private static readonly ConditionalWeakTable<Bid, byte[]> _keys = [];

    /// <summary>A bid sealed as its bidder's device does, with a new opening key kept for <see cref="OpenAll"/>.</summary>
    public static Bid SealedBid(Tender tender, Lot lot, Supplier supplier, decimal priceYuan, string proposal, DateTime at)
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(SealedEnvelope.KeyBytes);
        var bid = Bid.Submit(tender, lot, supplier, Table, Seal(key, lot, priceYuan, proposal), at);
        _keys.AddOrUpdate(bid, key);
        return bid;
    }

    /// <summary>A bid's content sealed under a key for a lot (aad: the lot id).</summary>
    public static SealedEnvelope Seal(byte[] key, Lot lot, decimal priceYuan, string proposal) =>
        SealedEnvelope.Seal(key, new BidContent(priceYuan, proposal).ToPlaintext(), SealedEnvelope.BidAad(lot.Id));

    /// <summary>The key a bid of <see cref="SealedBid"/> was sealed with.</summary>
    public static byte[] KeyOf(Bid bid) => _keys.TryGetValue(bid, out var key) ? key : throw new InvalidOperationException("Not sealed by SealedBid.");

    /// <summary>The opening at <paramref name="at"/>: the lots move to it, every bid given is decrypted with its key, and the lots close.</summary>
    public static void OpenAll(Tender tender, DateTime at, params Bid[] bids)
    {
        tender.BeginOpeningIfDue(at);
        foreach (var bid in bids)
        {
            bid.Unseal(tender.Lots.Single(l => l.Id == bid.LotId), KeyOf(bid), _ => null, at);
        }
        foreach (var lot in tender.Lots)
        {
            lot.CompleteOpening(bids, at);
        }
    }
}

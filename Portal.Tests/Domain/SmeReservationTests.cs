using System.Globalization;
using Portal.Domain.Tenders;
using Portal.Localization;

namespace Portal.Tests.Domain;

public sealed class SmeReservationTests
{
    [Fact]
    public void ReservedShareIsTheReservedLotsValueOverAllLotsValue()
    {
        var share = SmeReservation.ReservedShare([(7_000_000m, false), (3_000_000m, true)]);

        Assert.Equal(0.30m, share);
        Assert.True(SmeReservation.MeetsMinimum(share));
    }

    [Fact]
    public void JustBelowThirtyPercentMissesTheMinimum() =>
        Assert.False(SmeReservation.MeetsMinimum(SmeReservation.ReservedShare([(7_000_000.01m, false), (3_000_000m, true)])));

    [Fact]
    public void NoLotsMeansNoShare() => Assert.Equal(0m, SmeReservation.ReservedShare([]));

    [Fact]
    public void TheAdviceReadsInEnglishAndChinese()
    {
        var small = SmeReservation.Advise(1_500_000m, [(1_000_000m, true), (500_000m, false)]).Explain();
        var large = SmeReservation.Advise(5_000_000m, [(4_000_000m, false), (1_000_000m, true)]).Explain();
        var chinese = CultureInfo.GetCultureInfo("zh-CN");

        Assert.Equal("Budgets up to 200万元 for goods and services are suggested to be reserved for SMEs in full; 67% of the lots' value is reserved.", small.ToString());
        Assert.Equal("200万元以下的货物和服务采购项目，建议全部预留给中小企业；当前预留了标段金额的 67%。", PortalText.Render(small, chinese));
        Assert.Equal("预算超过 200万元的，应至少预留 30% 的金额专门面向中小企业采购（财库〔2020〕46号、财库〔2022〕19号）；当前预留 20%。",
            PortalText.Render(large, chinese));
    }
}

using Portal.Domain.Tenders;

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
}

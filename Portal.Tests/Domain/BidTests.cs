using Portal.Domain;
using Portal.Domain.Bids;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

public sealed class BidTests
{
    private const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void KeepsAValidBid()
    {
        var lotId = Guid.NewGuid();
        var supplierId = Guid.NewGuid();

        var bid = new Bid(lotId, supplierId, 987_654.32m, "Our proposal.", Sha256, Now);

        Assert.NotEqual(Guid.Empty, bid.Id);
        Assert.Equal(lotId, bid.LotId);
        Assert.Equal(supplierId, bid.SupplierId);
        Assert.Equal(987_654.32m, bid.PriceYuan);
        Assert.Equal("Our proposal.", bid.Proposal);
        Assert.Equal(Sha256, bid.Sha256);
        Assert.Equal(Now, bid.SubmittedAtUtc);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("-1000")]
    public void RejectsANonPositivePrice(string price)
    {
        var ex = Assert.Throws<DomainException>(() => new Bid(Guid.NewGuid(), Guid.NewGuid(),
            decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), "Proposal", Sha256, Now));

        Assert.Equal("priceYuan", ex.Field);
    }

    [Fact]
    public void RejectsAPriceWithMoreThanTwoDecimalPlaces()
    {
        var ex = Assert.Throws<DomainException>(() => new Bid(Guid.NewGuid(), Guid.NewGuid(), 100.001m, "Proposal", Sha256, Now));

        Assert.Equal("priceYuan", ex.Field);
    }

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void RejectsANonUtcSubmissionTime(DateTimeKind kind)
    {
        var ex = Assert.Throws<DomainException>(() => new Bid(Guid.NewGuid(), Guid.NewGuid(), 1_000m, "Proposal", Sha256,
            new DateTime(2026, 11, 23, 8, 0, 0, kind)));

        Assert.Equal("submittedAt", ex.Field);
    }

    [Fact]
    public void RejectsAnEmptyProposal()
    {
        var ex = Assert.Throws<DomainException>(() => new Bid(Guid.NewGuid(), Guid.NewGuid(), 1_000m, "  ", Sha256, Now));

        Assert.Equal("proposal", ex.Field);
    }
}

using Portal.Domain;
using Portal.Domain.Suppliers;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

/// <summary>Claiming a profile imported from an OCDS feed (decision 0012): who may claim, and the administrator's decision.</summary>
public sealed class SupplierClaimTests
{
    private static Supplier Imported(string? creditCode = CreditCodeB) =>
        Supplier.Import("上海浦东数据服务有限公司", creditCode, "上海", SizeClass.Medium, "Shanghai open data", "CN-USCC-x", Now);

    private static SupplierClaim Claim(Supplier supplier) =>
        SupplierClaim.Request(supplier, "user-9", $" {CreditCodeB.ToLowerInvariant()} ", claimantOwnsASupplier: false, pendingClaimExists: false, Now);

    [Fact]
    public void AnUnclaimedImportedProfileExplainsItsSizeAsItsSourceDeclaredIt()
    {
        var explained = Imported().ExplainSize(SizeThresholdTable.Official);

        Assert.Equal(SizeClass.Medium, explained.SizeClass);
        Assert.Equal("Size declared by Shanghai open data: medium; the company has not given its industry and figures yet.", explained.Reason.ToString());
    }

    [Fact]
    public void AClaimWithTheProfilesCreditCodeIsPendingAndItsApprovalMakesTheClaimantTheOwner()
    {
        var supplier = Imported();
        var claim = Claim(supplier);
        Assert.Equal((ClaimStatus.Pending, supplier.Id, "user-9", CreditCodeB), (claim.Status, claim.SupplierId, claim.ClaimantUserId, claim.CreditCode));
        Assert.Null(supplier.OwnerUserId);

        claim.Approve(supplier, "admin-1", claimantOwnsASupplier: false, Now.AddHours(2));

        Assert.Equal("user-9", supplier.OwnerUserId);
        Assert.Equal((ClaimStatus.Approved, "admin-1", Now.AddHours(2)), (claim.Status, claim.DecidedByUserId, claim.DecidedAtUtc));
    }

    [Fact]
    public void ARejectionNeedsAReasonAndLeavesTheProfileUnowned()
    {
        var supplier = Imported();
        var claim = Claim(supplier);

        var noReason = Assert.Throws<DomainException>(() => claim.Reject("  ", "admin-1", Now));
        claim.Reject("营业执照与统一社会信用代码不符。", "admin-1", Now);

        Assert.Equal("reason", noReason.Field);
        Assert.Equal((ClaimStatus.Rejected, "营业执照与统一社会信用代码不符。"), (claim.Status, claim.RejectionReason));
        Assert.Null(supplier.OwnerUserId);
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => claim.Approve(supplier, "admin-1", false, Now)).Kind);
    }

    [Fact]
    public void ADecidedClaimCannotBeDecidedAgain()
    {
        var supplier = Imported();
        var claim = Claim(supplier);
        claim.Approve(supplier, "admin-1", false, Now);

        var again = Assert.Throws<DomainException>(() => claim.Reject("too late", "admin-1", Now));

        Assert.Equal(DomainErrorKind.Conflict, again.Kind);
        Assert.Contains("already approved", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApprovalIsRefusedWhenTheClaimantHasMeanwhileComeToOwnAProfile()
    {
        var supplier = Imported();
        var claim = Claim(supplier);

        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => claim.Approve(supplier, "admin-1", claimantOwnsASupplier: true, Now)).Kind);
        Assert.Null(supplier.OwnerUserId);
        Assert.Equal(ClaimStatus.Pending, claim.Status);
    }

    [Fact]
    public void AClaimIsRefusedForAUserWithAProfileARegisteredOrClaimedProfileASecondPendingClaimAndAnotherCode()
    {
        var imported = Imported();
        var claimed = Imported();
        claimed.AssignOwner("user-2");

        var ownsOne = Assert.Throws<DomainException>(() => SupplierClaim.Request(imported, "user-9", CreditCodeB, claimantOwnsASupplier: true, false, Now));
        var registered = Assert.Throws<DomainException>(() => SupplierClaim.Request(RegisterSupplier(owner: null), "user-9", CreditCodeA, false, false, Now));
        var taken = Assert.Throws<DomainException>(() => SupplierClaim.Request(claimed, "user-9", CreditCodeB, false, false, Now));
        var pending = Assert.Throws<DomainException>(() => SupplierClaim.Request(imported, "user-9", CreditCodeB, false, pendingClaimExists: true, Now));
        var otherCode = Assert.Throws<DomainException>(() => SupplierClaim.Request(imported, "user-9", CreditCodeA, false, false, Now));
        var noCode = Assert.Throws<DomainException>(() => SupplierClaim.Request(Imported(creditCode: null), "user-9", CreditCodeB, false, false, Now));

        Assert.Contains("already maintain", ownsOne.Message, StringComparison.Ordinal);
        Assert.Contains("registered on the portal", registered.Message, StringComparison.Ordinal);
        Assert.Contains("already been claimed", taken.Message, StringComparison.Ordinal);
        Assert.Contains("waiting for an administrator", pending.Message, StringComparison.Ordinal);
        Assert.Equal(("creditCode", DomainErrorKind.Invalid), (otherCode.Field, otherCode.Kind));
        Assert.Contains("no unified social credit code", noCode.Message, StringComparison.Ordinal);
        Assert.All([ownsOne, registered, taken, pending, noCode], e => Assert.Equal(DomainErrorKind.Conflict, e.Kind));
    }
}

namespace Portal.Domain.Suppliers;

public enum ClaimStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// An SME user's request to take over a supplier profile imported from an OCDS feed (decision 0012). The user enters the
/// profile's unified social credit code; since that code is public in the feed it proves nothing alone, so an
/// administrator approves the claim after checking the business licence, which makes the claimant the profile's owner,
/// or rejects it with a reason. A claim is for a user who owns no profile yet, on an imported profile nobody owns, and a
/// profile has at most one pending claim.
/// </summary>
public sealed class SupplierClaim
{
    public const int ReasonMaxLength = 1000;

    private SupplierClaim()
    {
        ClaimantUserId = CreditCode = "";
    }

    public Guid Id { get; private set; }
    public Guid SupplierId { get; private set; }
    public string ClaimantUserId { get; private set; }

    /// <summary>The credit code the claimant entered (equal to the profile's).</summary>
    public string CreditCode { get; private set; }

    public ClaimStatus Status { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }
    public string? DecidedByUserId { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? RejectionReason { get; private set; }

    /// <summary>
    /// A claim on <paramref name="supplier"/>: only an imported profile nobody owns, only by a user who owns no profile
    /// (<paramref name="claimantOwnsASupplier"/>), only with the profile's own credit code, and not while another claim
    /// on it is pending (<paramref name="pendingClaimExists"/>).
    /// </summary>
    public static SupplierClaim Request(
        Supplier supplier, string claimantUserId, string? enteredCreditCode, bool claimantOwnsASupplier, bool pendingClaimExists, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (claimantOwnsASupplier)
        {
            throw DomainException.Conflict("You already maintain a supplier profile; a user can maintain one company only.");
        }
        if (supplier.ImportedFrom is null)
        {
            throw DomainException.Conflict("Only profiles imported from another city system's open-data feed can be claimed; this one was registered on the portal.");
        }
        if (supplier.OwnerUserId is not null)
        {
            throw DomainException.Conflict("This imported profile has already been claimed by its company.");
        }
        if (supplier.CreditCode is null)
        {
            throw DomainException.Conflict("This imported profile has no unified social credit code, so it cannot be claimed; please register your company instead.");
        }
        var code = Suppliers.CreditCode.Normalize(enteredCreditCode);
        if (code != supplier.CreditCode)
        {
            throw new DomainException("The unified social credit code you entered is not this profile's.", "creditCode");
        }
        if (pendingClaimExists)
        {
            throw DomainException.Conflict("A claim on this profile is already waiting for an administrator's decision.");
        }
        return new SupplierClaim
        {
            Id = Guid.NewGuid(),
            SupplierId = supplier.Id,
            ClaimantUserId = claimantUserId,
            CreditCode = code,
            Status = ClaimStatus.Pending,
            RequestedAtUtc = nowUtc,
        };
    }

    /// <summary>
    /// The administrator has checked the business licence: the claimant becomes the profile's owner. Refused when the
    /// claim was already decided, or the claimant has meanwhile come to own another profile.
    /// </summary>
    public void Approve(Supplier supplier, string adminUserId, bool claimantOwnsASupplier, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        EnsurePending();
        if (supplier.Id != SupplierId)
        {
            throw new InvalidOperationException("A claim is approved on its own supplier profile.");
        }
        if (claimantOwnsASupplier)
        {
            throw DomainException.Conflict("The claimant has since come to maintain another supplier profile; reject this claim instead.");
        }
        supplier.AssignOwner(ClaimantUserId);
        Status = ClaimStatus.Approved;
        DecidedByUserId = adminUserId;
        DecidedAtUtc = nowUtc;
    }

    /// <summary>The administrator refuses the claim, saying why (the claimant is told).</summary>
    public void Reject(string? reason, string adminUserId, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        var checkedReason = Guard.Text(reason, "reason", ReasonMaxLength);
        EnsurePending();
        Status = ClaimStatus.Rejected;
        RejectionReason = checkedReason;
        DecidedByUserId = adminUserId;
        DecidedAtUtc = nowUtc;
    }

    private void EnsurePending()
    {
        if (Status != ClaimStatus.Pending)
        {
            throw DomainException.Conflict(Status == ClaimStatus.Approved ? "This claim was already approved." : "This claim was already rejected.");
        }
    }
}

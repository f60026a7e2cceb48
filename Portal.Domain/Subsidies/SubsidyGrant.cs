using System.Globalization;
using Portal.Domain.Contracts;
using Portal.Domain.Suppliers;

namespace Portal.Domain.Subsidies;

/// <summary>
/// The subsidy one contract with an SME winner earns: created Eligible when the contract is recorded, then approved by
/// an official (or rejected with a reason) and disbursed with a payment reference. A contract has at most one grant,
/// ever (a unique index backs this); approval checks the programme's remaining budget. The version is the
/// optimistic-concurrency token, so two officials acting at once cannot both win.
/// </summary>
public sealed class SubsidyGrant
{
    public const int ReasonMaxLength = 1000;
    public const int PaymentReferenceMaxLength = 100;

    private SubsidyGrant()
    {
    }

    public Guid Id { get; private set; }
    public Guid ProgrammeId { get; private set; }
    public Guid ContractId { get; private set; }
    public Guid LotId { get; private set; }
    public Guid SupplierId { get; private set; }
    public decimal ContractValueYuan { get; private set; }
    public decimal AmountYuan { get; private set; }
    public GrantState State { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? RejectionReason { get; private set; }
    public string? PaymentReference { get; private set; }
    public DateTime? DisbursedAtUtc { get; private set; }
    public int Version { get; private set; }

    /// <summary>A grant for a contract whose winner is an SME; null for a large winner (not eligible).</summary>
    public static SubsidyGrant? For(SubsidyProgramme programme, Contract contract, SizeClass winnerSize, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (!winnerSize.IsSme())
        {
            return null;
        }
        return new SubsidyGrant
        {
            Id = Guid.NewGuid(),
            ProgrammeId = programme.Id,
            ContractId = contract.Id,
            LotId = contract.LotId,
            SupplierId = contract.SupplierId,
            ContractValueYuan = contract.ValueYuan,
            AmountYuan = programme.GrantFor(contract.ValueYuan),
            State = GrantState.Eligible,
            CreatedAtUtc = nowUtc,
            Version = 1,
        };
    }

    /// <summary>
    /// Approves the grant when the programme can still pay it: <paramref name="committedYuan"/> is what the programme's
    /// approved and disbursed grants already take from the budget.
    /// </summary>
    public void Approve(SubsidyProgramme programme, decimal committedYuan, string official, DateTime nowUtc)
    {
        EnsureEligible(approving: true);
        var remaining = programme.AnnualBudgetYuan - committedYuan;
        if (AmountYuan > remaining)
        {
            throw DomainException.Conflict(
                new Phrase("This grant ({0}) exceeds what remains of the {1} budget ({2} of {3}): it cannot be approved.",
                    Yuan(AmountYuan), programme.Year, Yuan(remaining), Yuan(programme.AnnualBudgetYuan)));
        }
        Decide(GrantState.Approved, official, nowUtc);
    }

    public void Reject(string reason, string official, DateTime nowUtc)
    {
        EnsureEligible(approving: false);
        RejectionReason = Guard.Text(reason, "reason", ReasonMaxLength);
        Decide(GrantState.Rejected, official, nowUtc);
    }

    public void Disburse(string paymentReference, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (State != GrantState.Approved)
        {
            throw DomainException.Conflict(State == GrantState.Disbursed
                ? Phrase.Of("This grant is already disbursed.")
                : State == GrantState.Rejected
                    ? Phrase.Of("Only an approved grant can be disbursed; this one is rejected.")
                    : Phrase.Of("Only an approved grant can be disbursed; this one is eligible."));
        }
        PaymentReference = Guard.Text(paymentReference, "paymentReference", PaymentReferenceMaxLength);
        DisbursedAtUtc = nowUtc;
        State = GrantState.Disbursed;
        Version++;
    }

    /// <summary>The states in which a grant takes from its programme's budget (usable in database queries).</summary>
    public static IReadOnlyList<GrantState> CommittedStates { get; } = [GrantState.Approved, GrantState.Disbursed];

    /// <summary>Whether the grant takes from the programme's budget.</summary>
    public bool IsCommitted => CommittedStates.Contains(State);

    private void EnsureEligible(bool approving)
    {
        if (State != GrantState.Eligible)
        {
            throw DomainException.Conflict((State, approving) switch
            {
                (GrantState.Approved, true) => "This grant is approved: it can no longer be approved.",
                (GrantState.Approved, false) => "This grant is approved: it can no longer be rejected.",
                (GrantState.Disbursed, true) => "This grant is disbursed: it can no longer be approved.",
                (GrantState.Disbursed, false) => "This grant is disbursed: it can no longer be rejected.",
                (_, true) => "This grant is rejected: it can no longer be approved.",
                _ => "This grant is rejected: it can no longer be rejected.",
            });
        }
    }

    private void Decide(GrantState state, string official, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        DecidedBy = official;
        DecidedAtUtc = nowUtc;
        State = state;
        Version++;
    }

    private static string Yuan(decimal yuan) => "¥" + yuan.ToString("#,0.00", CultureInfo.InvariantCulture);
}

public enum GrantState
{
    Eligible,
    Approved,
    Disbursed,
    Rejected,
}

namespace Portal.Data.Audit;

/// <summary>
/// The one row that says where the audit chain ends. Every append locks it first (an UPDATE of the row, in the same
/// transaction as the change), so two transactions can never chain onto the same entry; verification also compares
/// the chain's last row with it, which catches deleting the latest entries.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public long Sequence { get; private set; }
    public string Hash { get; private set; } = "";
}

using Portal.Domain.Suppliers;

namespace Portal.Benchmarks;

/// <summary>The filter values of a supplier as the SQL engines store them: days as <see cref="DateOnly.DayNumber"/>, money in fen.</summary>
internal sealed record SupplierRow(
    int Id,
    string SizeClass,
    string Region,
    IReadOnlyList<string> Categories,
    IReadOnlyList<(string NameKey, int ValidUntilDay)> Certifications,
    IReadOnlyList<(long ValueFen, int CompletedDay)> Projects)
{
    public static SupplierRow From(int id, Supplier supplier) => new(
        id,
        supplier.SizeClass.ToKey(),
        supplier.Region,
        supplier.Categories,
        [.. supplier.Certifications.Select(c => (c.Identity, c.ValidUntil.DayNumber))],
        [.. supplier.PastProjects.Select(p => ((long)(p.ValueYuan * 100), p.CompletedOn.DayNumber))]);
}

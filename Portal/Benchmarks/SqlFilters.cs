using System.Data.Common;
using Portal.Domain.Suppliers;
using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>
/// The filters of a <see cref="SupplierQuery"/> as SQL conditions on the supplier row <c>s</c> and its child tables,
/// meaning what <see cref="SupplierIndex"/> means by them: a certification valid today, and one past project with both
/// the value and the date. Shared by SQLite and PostgreSQL, which store days as <see cref="DateOnly.DayNumber"/>.
/// </summary>
internal static class SqlFilters
{
    /// <summary>" AND …" for each filter of the query (empty without filters); values go into parameters of the command.</summary>
    public static string Conditions(SupplierQuery query, DateOnly today, DbCommand command)
    {
        var conditions = new List<string>();
        if (query.SizeClass is { } size)
        {
            conditions.Add("s.size_class = @size_class");
            Add(command, "size_class", size.ToKey());
        }
        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            conditions.Add("s.region = @region");
            Add(command, "region", query.Region.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            conditions.Add("EXISTS (SELECT 1 FROM supplier_category c WHERE c.supplier_id = s.id AND c.category = @category)");
            Add(command, "category", query.Category.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.Certification))
        {
            conditions.Add("EXISTS (SELECT 1 FROM supplier_certification c WHERE c.supplier_id = s.id AND c.name_key = @certification AND c.valid_until_day >= @today)");
            Add(command, "certification", Certification.NameKey(query.Certification));
            Add(command, "today", today.DayNumber);
        }
        if (query.MinProjectValueYuan is not null || query.WithinYears is not null)
        {
            conditions.Add("EXISTS (SELECT 1 FROM supplier_project p WHERE p.supplier_id = s.id AND p.value_fen >= @min_fen AND p.completed_day >= @since_day)");
            Add(command, "min_fen", (long)((query.MinProjectValueYuan ?? 0m) * 100));
            Add(command, "since_day", (query.WithinYears is { } years ? today.AddYears(-years) : DateOnly.MinValue).DayNumber);
        }
        return string.Concat(conditions.Select(c => " AND " + c));
    }

    /// <summary>The filter tables of both databases (the supplier table itself differs: FTS5 keeps the text apart).</summary>
    public const string ChildTables = """
        CREATE TABLE supplier_category (supplier_id integer NOT NULL, category text NOT NULL);
        CREATE TABLE supplier_certification (supplier_id integer NOT NULL, name_key text NOT NULL, valid_until_day integer NOT NULL);
        CREATE TABLE supplier_project (supplier_id integer NOT NULL, value_fen bigint NOT NULL, completed_day integer NOT NULL);
        """;

    /// <summary>Indexes that let each EXISTS above look at one supplier's rows only.</summary>
    public const string ChildIndexes = """
        CREATE INDEX supplier_category_supplier ON supplier_category (supplier_id, category);
        CREATE INDEX supplier_certification_supplier ON supplier_certification (supplier_id, name_key, valid_until_day);
        CREATE INDEX supplier_project_supplier ON supplier_project (supplier_id, completed_day, value_fen);
        """;

    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

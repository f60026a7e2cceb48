using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Portal.Domain.Suppliers;
using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>
/// SQLite FTS5 in a database file: one FTS5 table of the pre-analysed fields (unicode61 only splits the tokens at the
/// spaces), ranked by bm25() with the Lucene field boosts as column weights, and plain tables for the filters.
/// </summary>
internal sealed class SqliteFtsEngine(string path, IReadOnlyList<Supplier> suppliers, DateOnly today) : ISearchEngine
{
    private static readonly string _columns = string.Join(", ", IndexTokens.SearchFields.Select(f => f.Field));
    private static readonly string _rank =
        $"bm25(supplier_text, {string.Join(", ", IndexTokens.SearchFields.Select(f => f.Boost.ToString(CultureInfo.InvariantCulture)))})";

    private readonly PortalAnalyzer _analyzer = new();
    private readonly SqliteConnection _connection = new(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());

    public string Name => PlannedTerms is null ? "SQLite FTS5 (bm25)" : "SQLite FTS5 (bm25), Lucene's first-pass terms";

    /// <summary>When set, the terms to match instead of every term of the need (the comparison on equal work).</summary>
    public Func<SupplierQuery, IReadOnlyList<string>>? PlannedTerms { get; set; }

    public bool InProcess => true;

    public Task<string> BuildAsync()
    {
        _connection.Open();
        Execute($"""
            CREATE TABLE supplier (id integer PRIMARY KEY, size_class text NOT NULL, region text NOT NULL);
            CREATE VIRTUAL TABLE supplier_text USING fts5 ({_columns}, tokenize = 'unicode61 remove_diacritics 0');
            {SqlFilters.ChildTables}
            """);

        var watch = Stopwatch.StartNew();
        using (var transaction = _connection.BeginTransaction())
        {
            using var supplier = Insert(transaction, "supplier (id, size_class, region)", "id", "size_class", "region");
            using var text = Insert(transaction, $"supplier_text (rowid, {_columns})", ["id", .. IndexTokens.SearchFields.Select(f => f.Field)]);
            using var category = Insert(transaction, "supplier_category (supplier_id, category)", "id", "category");
            using var certification = Insert(transaction, "supplier_certification (supplier_id, name_key, valid_until_day)", "id", "name_key", "valid_until_day");
            using var project = Insert(transaction, "supplier_project (supplier_id, value_fen, completed_day)", "id", "value_fen", "completed_day");
            for (var i = 0; i < suppliers.Count; i++)
            {
                var row = SupplierRow.From(i, suppliers[i]);
                Run(supplier, row.Id, row.SizeClass, row.Region);
                Run(text, [row.Id, .. IndexTokens.Fields(suppliers[i], _analyzer)]);
                foreach (var key in row.Categories)
                {
                    Run(category, row.Id, key);
                }
                foreach (var (nameKey, validUntilDay) in row.Certifications)
                {
                    Run(certification, row.Id, nameKey, validUntilDay);
                }
                foreach (var (valueFen, completedDay) in row.Projects)
                {
                    Run(project, row.Id, valueFen, completedDay);
                }
            }
            transaction.Commit();
        }
        var load = watch.Elapsed;

        watch.Restart();
        Execute($"""
            INSERT INTO supplier_text (supplier_text) VALUES ('optimize');
            {SqlFilters.ChildIndexes}
            ANALYZE;
            """);
        return Task.FromResult($"analyse and insert {load.TotalSeconds:0.0} s, FTS5 optimize + indexes + ANALYZE {watch.Elapsed.TotalSeconds:0.0} s");
    }

    public Task<long> SizeBytesAsync() => Task.FromResult(new FileInfo(path).Length);

    public ValueTask<SearchAnswer> SearchAsync(SupplierQuery need)
    {
        var terms = PlannedTerms?.Invoke(need) ?? IndexTokens.Query(_analyzer, need.Text ?? "");
        using var command = _connection.CreateCommand();
        var filters = SqlFilters.Conditions(need, today, command);
        // bm25() only works next to its MATCH, not in the window query that counts: hence the subquery.
        command.CommandText = $"""
            SELECT id, count(*) OVER ()
            FROM (
                SELECT supplier_text.rowid AS id, {_rank} AS score
                FROM supplier_text{(filters.Length == 0 ? "" : " JOIN supplier s ON s.id = supplier_text.rowid")}
                WHERE supplier_text MATCH @match{filters})
            ORDER BY score
            LIMIT @limit
            """;
        // FTS5 strings are double-quoted, inner quotes doubled: every term is matched as itself, never as syntax.
        SqlFilters.Add(command, "match", string.Join(" OR ", terms.Select(t => $"\"{t.Replace("\"", "\"\"")}\"")));
        SqlFilters.Add(command, "limit", need.PageSize);

        var top = new List<int>(need.PageSize);
        var total = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            top.Add(reader.GetInt32(0));
            total = reader.GetInt32(1);
        }
        return ValueTask.FromResult(new SearchAnswer(total, top));
    }

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        _analyzer.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A prepared INSERT with one parameter per column, in the transaction.</summary>
    private SqliteCommand Insert(SqliteTransaction transaction, string target, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {target} VALUES ({string.Join(", ", parameters.Select(p => "@" + p))})";
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter("@" + parameter, null));
        }
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
        command.ExecuteNonQuery();
    }
}

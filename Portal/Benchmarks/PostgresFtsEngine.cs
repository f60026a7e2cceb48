using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Portal.Domain.Suppliers;
using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>
/// PostgreSQL full-text search in a database created for the run and dropped after it: the pre-analysed fields go into
/// a <c>tsvector</c> of the <c>simple</c> configuration, weighted A–D like the Lucene boosts and indexed with GIN;
/// needs are an OR <c>tsquery</c> of the same terms, ranked with <c>ts_rank</c>.
/// </summary>
internal sealed class PostgresFtsEngine : ISearchEngine
{
    /// <summary>The four tsvector weights in the order of the Lucene boosts: name 3, capabilities 1.6, categories 1.4 and certifications 1.2, projects 1.</summary>
    private static readonly Dictionary<string, char> _weights = new()
    {
        [SupplierDocuments.Name] = 'A',
        [SupplierDocuments.Capabilities] = 'B',
        [SupplierDocuments.CategoryText] = 'C',
        [SupplierDocuments.CertificationText] = 'C',
        [SupplierDocuments.Projects] = 'D',
    };

    private static readonly string _columns = string.Join(", ", IndexTokens.SearchFields.Select(f => f.Field));

    private readonly string _serverConnectionString;
    private readonly string _database;
    private readonly NpgsqlConnection _connection;
    private readonly IReadOnlyList<Supplier> _suppliers;
    private readonly DateOnly _today;
    private readonly PortalAnalyzer _analyzer = new();

    private PostgresFtsEngine(string serverConnectionString, string database, IReadOnlyList<Supplier> suppliers, DateOnly today)
    {
        _serverConnectionString = serverConnectionString;
        _database = database;
        _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString);
        _suppliers = suppliers;
        _today = today;
    }

    public string Name => $"PostgreSQL {_connection.PostgreSqlVersion.ToString(2)} FTS (ts_rank){(PlannedTerms is null ? "" : ", Lucene's first-pass terms")}";

    /// <summary>When set, the terms to match instead of every term of the need (the comparison on equal work).</summary>
    public Func<SupplierQuery, IReadOnlyList<string>>? PlannedTerms { get; set; }

    public bool InProcess => false;

    /// <summary>Creates an empty database <c>bench_…</c> on the server of the connection string and connects to it.</summary>
    public static async Task<PostgresFtsEngine> CreateAsync(string connectionString, IReadOnlyList<Supplier> suppliers, DateOnly today)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        // The name is made here of a prefix and hex digits, never from input, so it can stand in the statement as is.
        var database = "bench_" + Guid.NewGuid().ToString("N")[..12];
        await OnServerAsync(server, $"CREATE DATABASE {database}");
        var engine = new PostgresFtsEngine(server, database, suppliers, today);
        try
        {
            await engine._connection.OpenAsync();
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    public async Task<string> BuildAsync()
    {
        var document = string.Join(" || ", IndexTokens.SearchFields.Select(f => $"setweight(to_tsvector('simple', {f.Field}), '{_weights[f.Field]}')"));
        await ExecuteAsync($"""
            CREATE TABLE supplier (
                id integer PRIMARY KEY,
                size_class text NOT NULL,
                region text NOT NULL,
                {string.Join(", ", IndexTokens.SearchFields.Select(f => $"{f.Field} text NOT NULL"))},
                document tsvector GENERATED ALWAYS AS ({document}) STORED);
            {SqlFilters.ChildTables}
            """);

        var watch = Stopwatch.StartNew();
        await using (var importer = await _connection.BeginBinaryImportAsync($"COPY supplier (id, size_class, region, {_columns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < _suppliers.Count; i++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(i, NpgsqlDbType.Integer);
                await importer.WriteAsync(_suppliers[i].SizeClass.ToKey(), NpgsqlDbType.Text);
                await importer.WriteAsync(_suppliers[i].Region, NpgsqlDbType.Text);
                foreach (var tokens in IndexTokens.Fields(_suppliers[i], _analyzer))
                {
                    await importer.WriteAsync(tokens, NpgsqlDbType.Text);
                }
            }
            await importer.CompleteAsync();
        }
        var rows = _suppliers.Select((s, i) => SupplierRow.From(i, s)).ToList();
        await CopyAsync("supplier_category (supplier_id, category)", rows.SelectMany(r => r.Categories.Select(c => new object[] { r.Id, c })));
        await CopyAsync("supplier_certification (supplier_id, name_key, valid_until_day)",
            rows.SelectMany(r => r.Certifications.Select(c => new object[] { r.Id, c.NameKey, c.ValidUntilDay })));
        await CopyAsync("supplier_project (supplier_id, value_fen, completed_day)",
            rows.SelectMany(r => r.Projects.Select(p => new object[] { r.Id, p.ValueFen, p.CompletedDay })));
        var copy = watch.Elapsed;

        watch.Restart();
        await ExecuteAsync("CREATE INDEX supplier_document ON supplier USING gin (document)");
        var gin = watch.Elapsed;
        watch.Restart();
        await ExecuteAsync(SqlFilters.ChildIndexes);
        await ExecuteAsync("VACUUM ANALYZE");
        return $"analyse and binary COPY {copy.TotalSeconds:0.0} s, GIN index {gin.TotalSeconds:0.0} s, "
            + $"filter indexes + VACUUM ANALYZE {watch.Elapsed.TotalSeconds:0.0} s";
    }

    public async Task<long> SizeBytesAsync()
    {
        await using var command = new NpgsqlCommand("""
            SELECT sum(pg_total_relation_size(relation))::bigint
            FROM unnest(ARRAY['supplier', 'supplier_category', 'supplier_certification', 'supplier_project']::regclass[]) AS relation
            """, _connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask<SearchAnswer> SearchAsync(SupplierQuery need)
    {
        var terms = PlannedTerms?.Invoke(need) ?? IndexTokens.Query(_analyzer, need.Text ?? "");
        await using var command = _connection.CreateCommand();
        var filters = SqlFilters.Conditions(need, _today, command);
        command.CommandText = $"""
            SELECT s.id, count(*) OVER ()
            FROM supplier s, to_tsquery('simple', @query) AS q
            WHERE s.document @@ q{filters}
            ORDER BY ts_rank(s.document, q) DESC
            LIMIT @limit
            """;
        // tsquery operands in single quotes, inner quotes doubled: every term is matched as itself, never as an operator.
        SqlFilters.Add(command, "query", string.Join(" | ", terms.Select(t => $"'{t.Replace("'", "''")}'")));
        SqlFilters.Add(command, "limit", need.PageSize);

        var top = new List<int>(need.PageSize);
        var total = 0L;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            top.Add(reader.GetInt32(0));
            total = reader.GetInt64(1);
        }
        return new SearchAnswer((int)total, top);
    }

    /// <summary>Disconnects and drops the database, also when the run failed half-way.</summary>
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _analyzer.Dispose();
        await OnServerAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    private async Task CopyAsync(string target, IEnumerable<object[]> rows)
    {
        await using var importer = await _connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await importer.WriteRowAsync(default, row);
        }
        await importer.CompleteAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task OnServerAsync(string serverConnectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

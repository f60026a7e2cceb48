using Portal.Domain.Suppliers;
using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>The portal's own search: <see cref="SupplierIndex"/> as the application uses it, filters, facets and snippets included.</summary>
internal sealed class LuceneEngine(string directory, TimeProvider clock, IReadOnlyList<Supplier> suppliers) : ISearchEngine
{
    private readonly SupplierIndex _index = new(directory, clock);
    private readonly Dictionary<Guid, int> _positions = suppliers.Select((s, i) => (s.Id, i)).ToDictionary();

    public string Name => "Lucene.Net 4.8 (SupplierIndex)";

    public bool InProcess => true;

    public Task<string> BuildAsync()
    {
        var count = _index.Rebuild(suppliers);
        return Task.FromResult($"Rebuild of {count:N0} documents");
    }

    public Task<long> SizeBytesAsync() =>
        Task.FromResult(new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length));

    public ValueTask<SearchAnswer> SearchAsync(SupplierQuery need)
    {
        var result = _index.Search(need);
        return ValueTask.FromResult(new SearchAnswer(result.Total, [.. result.Items.Select(hit => _positions[hit.Id])]));
    }

    public ValueTask DisposeAsync()
    {
        _index.Dispose();
        return ValueTask.CompletedTask;
    }
}

using Portal.Search;
using Portal.Tests.Domain;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>The index on disk: created when missing, wiped and flagged for rebuild when damaged, never trusted blindly.</summary>
public sealed class SupplierIndexTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "portal-index-tests", Guid.NewGuid().ToString("N"));
    private readonly FixedClock _clock = new(DomainBuilders.Now);

    [Fact]
    public void AMissingIndexAsksForARebuild()
    {
        using var index = new SupplierIndex(_path, _clock);

        Assert.True(index.NeedsRebuild);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void ARebuiltIndexIsReopenedAsIs()
    {
        using (var index = new SupplierIndex(_path, _clock))
        {
            index.Rebuild([DomainBuilders.RegisterSupplier()]);
        }

        using var reopened = new SupplierIndex(_path, _clock);

        Assert.False(reopened.NeedsRebuild);
        Assert.Equal(1, reopened.Count);
        Assert.Equal(1, reopened.Search(new SupplierQuery("parking")).Total);
    }

    [Fact]
    public void AnIndexWrittenInAnEarlierDocumentFormatAsksForARebuild()
    {
        // As the portal wrote it before certifications were by kind: no format in the commit data.
        System.IO.Directory.CreateDirectory(_path);
        using (var directory = Lucene.Net.Store.FSDirectory.Open(_path))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(
            Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.WhitespaceAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48))))
        {
            writer.AddDocument(new Lucene.Net.Documents.Document { new Lucene.Net.Documents.StringField("id", "x", Lucene.Net.Documents.Field.Store.YES) });
            writer.Commit();
        }

        using (var index = new SupplierIndex(_path, _clock))
        {
            Assert.True(index.NeedsRebuild);
            index.Rebuild([DomainBuilders.RegisterSupplier()]);
        }
        using var reopened = new SupplierIndex(_path, _clock);

        Assert.False(reopened.NeedsRebuild);
    }

    [Fact]
    public void ADamagedIndexIsWipedAndFlaggedForRebuild()
    {
        using (var index = new SupplierIndex(_path, _clock))
        {
            index.Rebuild([DomainBuilders.RegisterSupplier()]);
        }
        foreach (var file in Directory.GetFiles(_path).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            File.WriteAllBytes(file, [1, 2, 3, 4]);
        }

        using var reopened = new SupplierIndex(_path, _clock);

        Assert.True(reopened.NeedsRebuild);
        Assert.Equal(0, reopened.Count);
        reopened.Rebuild([DomainBuilders.RegisterSupplier()]);
        Assert.Equal(1, reopened.Search(new SupplierQuery("parking")).Total);
    }

    [Fact]
    public void AnUpsertIsSearchableAtOnceAndReplacesTheOldDocument()
    {
        using var index = new SupplierIndex(_path, _clock);
        var supplier = DomainBuilders.RegisterSupplier();
        index.Rebuild([supplier]);

        supplier.UpdateProfile(DomainBuilders.ValidProfile() with { Capabilities = "水下机器人管道内窥检测" }, DomainBuilders.Table, DomainBuilders.Now);
        index.Upsert(supplier);

        Assert.Equal(1, index.Count);
        Assert.Equal(1, index.Search(new SupplierQuery("管道内窥")).Total);
        Assert.Equal(0, index.Search(new SupplierQuery("sensors")).Total);
    }

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }
}

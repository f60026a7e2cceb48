using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>
/// Keeps suppliers with one past project of at least a value completed on or after a day. Value and date must hold
/// for the same project, which no pair of range queries can express, so each document's packed projects are read.
/// </summary>
internal sealed class ProjectFilter(long minFen, int sinceDayNumber) : Filter
{
    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        var projects = reader.GetBinaryDocValues(SupplierDocuments.ProjectPoints);
        if (projects is null)
        {
            return null;
        }
        var matches = new FixedBitSet(reader.MaxDoc);
        var packed = new BytesRef();
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (acceptDocs is not null && !acceptDocs.Get(doc))
            {
                continue;
            }
            projects.Get(doc, packed);
            if (SupplierDocuments.AnyProject(packed, minFen, sinceDayNumber))
            {
                matches.Set(doc);
            }
        }
        return matches;
    }
}

using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Portal.Search;

/// <summary>
/// The last ranking step for needs written as words (老旧小区 适老化 智能门禁 人脸识别 大字版): a supplier that covers more of
/// the words outranks one that matches a single word many times. Each candidate's score is multiplied by
/// 1 + <see cref="Weight"/> × (words it has in full / words of the need). See docs/decisions/0005-two-pass-matching.md.
/// </summary>
internal static class WordCoverage
{
    /// <summary>How much covering every word multiplies a score (by 1 + Weight); chosen on the judged set: 0.906 without, 0.913 at 2, flat above.</summary>
    public const float Weight = 2f;

    public static TopDocs Rerank(IndexSearcher searcher, MatchPlan plan, TopDocs candidates, int topN)
    {
        if (plan.Words.Count == 0 || candidates.ScoreDocs.Length == 0)
        {
            return Trim(candidates, topN);
        }
        var covered = new Dictionary<int, int>();
        var byDoc = candidates.ScoreDocs.Select(hit => hit.Doc).Order().ToArray();
        var leaves = searcher.IndexReader.Leaves;
        foreach (var word in plan.Words)
        {
            if (plan.WordQuery(word) is not { } query)
            {
                continue;
            }
            var weight = searcher.CreateNormalizedWeight(query);
            var leafIndex = -1;
            Scorer? scorer = null;
            AtomicReaderContext? leaf = null;
            foreach (var doc in byDoc)
            {
                var index = ReaderUtil.SubIndex(doc, leaves);
                if (index != leafIndex)
                {
                    leafIndex = index;
                    leaf = leaves[index];
                    scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
                }
                if (scorer is null)
                {
                    continue;
                }
                var target = doc - leaf!.DocBase;
                var at = scorer.DocID < target ? scorer.Advance(target) : scorer.DocID;
                if (at == target)
                {
                    covered[doc] = covered.GetValueOrDefault(doc) + 1;
                }
            }
        }
        var words = (float)plan.Words.Count;
        var reranked = candidates.ScoreDocs
            .Select(hit => new ScoreDoc(hit.Doc, hit.Score * (1 + Weight * covered.GetValueOrDefault(hit.Doc) / words)))
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.Doc)
            .ToArray();
        return Trim(new TopDocs(candidates.TotalHits, reranked, reranked[0].Score), topN);
    }

    private static TopDocs Trim(TopDocs docs, int topN) =>
        docs.ScoreDocs.Length <= topN ? docs : new TopDocs(docs.TotalHits, docs.ScoreDocs.Take(topN).ToArray(), docs.MaxScore);
}

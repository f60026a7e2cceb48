using System.Net;
using System.Text;
using Lucene.Net.Analysis.TokenAttributes;

namespace Portal.Search;

/// <summary>
/// Highlighted snippets computed from token offsets (Lucene.Net's Highlighter is not available): the stored text is
/// analysed again, tokens that are query terms are marked, and the window with the most marks is shown.
/// </summary>
internal static class Snippets
{
    public const int WindowLength = 90;

    /// <param name="Html">The best window of the text, matched runs in &lt;mark&gt;.</param>
    /// <param name="Matched">The index terms that matched (CJK bigrams, English stems).</param>
    /// <param name="Hits">Marked runs in the whole text.</param>
    /// <param name="Words">The matched words as the text writes them: overlapping bigram hits joined back into the phrase
    /// they come from (垃圾 圾分 分类 → 垃圾分类), a stemmed hit as the word it stems from (monitor → Monitoring).</param>
    public sealed record Result(string Html, IReadOnlySet<string> Matched, int Hits, IReadOnlyList<MatchedWord> Words);

    /// <summary>A matched word as written, and how many matched tokens it joins (垃圾分类: 垃圾 圾分 分类, 3).</summary>
    public sealed record MatchedWord(string Text, int Tokens);

    public static Result Build(PortalAnalyzer analyzer, string field, string text, IReadOnlySet<string> queryTerms)
    {
        var spans = new List<(int Start, int End)>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        using (var stream = analyzer.GetTokenStream(field, new StringReader(text)))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var value = term.ToString();
                if (queryTerms.Contains(value))
                {
                    matched.Add(value);
                    spans.Add((offset.StartOffset, offset.EndOffset));
                }
            }
            stream.End();
        }
        var merged = Merge(spans, touching: true);
        var (from, to) = BestWindow(text, merged);
        var words = Merge(spans, touching: false)
            .Select(run => new MatchedWord(text[run.Start..run.End], spans.Count(s => s.Start >= run.Start && s.End <= run.End)))
            .ToList();
        return new Result(Render(text, merged, from, to), matched, merged.Count, words);
    }

    /// <summary>
    /// Overlapping bigram spans ("适老" + "老化") become one run ("适老化"); with <paramref name="touching"/>, so do spans
    /// that only touch (two matched words written together are marked as one run).
    /// </summary>
    private static List<(int Start, int End)> Merge(List<(int Start, int End)> spans, bool touching)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            if (merged.Count > 0 && (span.Start < merged[^1].End || touching && span.Start == merged[^1].End))
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }
        return merged;
    }

    private static (int From, int To) BestWindow(string text, List<(int Start, int End)> spans)
    {
        if (spans.Count == 0 || text.Length <= WindowLength)
        {
            return (0, Math.Min(text.Length, WindowLength));
        }
        var bestStart = 0;
        var bestCount = -1;
        for (var i = 0; i < spans.Count; i++)
        {
            var count = spans.Skip(i).TakeWhile(s => s.End <= spans[i].Start + WindowLength).Count();
            if (count > bestCount)
            {
                bestCount = count;
                bestStart = spans[i].Start;
            }
        }
        // A little context before the first mark, without running past the end.
        var from = Math.Max(0, Math.Min(bestStart - 12, text.Length - WindowLength));
        return (from, Math.Min(text.Length, from + WindowLength));
    }

    private static string Render(string text, List<(int Start, int End)> spans, int from, int to)
    {
        var html = new StringBuilder();
        if (from > 0)
        {
            html.Append('…');
        }
        var position = from;
        foreach (var (start, end) in spans.Where(s => s.End > from && s.Start < to))
        {
            var markStart = Math.Max(start, from);
            var markEnd = Math.Min(end, to);
            html.Append(WebUtility.HtmlEncode(text[position..markStart]));
            html.Append("<mark>").Append(WebUtility.HtmlEncode(text[markStart..markEnd])).Append("</mark>");
            position = markEnd;
        }
        html.Append(WebUtility.HtmlEncode(text[position..to]));
        if (to < text.Length)
        {
            html.Append('…');
        }
        return html.ToString();
    }
}

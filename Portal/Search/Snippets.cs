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

    public sealed record Result(string Html, IReadOnlySet<string> Matched, int Hits);

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
        var merged = Merge(spans);
        var (from, to) = BestWindow(text, merged);
        return new Result(Render(text, merged, from, to), matched, merged.Count);
    }

    /// <summary>Overlapping bigram spans ("适老" + "老化") become one marked run ("适老化").</summary>
    private static List<(int Start, int End)> Merge(List<(int Start, int End)> spans)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
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

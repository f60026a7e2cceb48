using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>
/// Mixed Chinese and English text: the standard tokenizer splits Han text into characters, which become overlapping
/// bigrams (CJK); Latin words are lower-cased, stripped of English stop words and Porter-stemmed. See
/// docs/decisions/0003-search-analyzer.md.
/// </summary>
public sealed class PortalAnalyzer() : Analyzer(PER_FIELD_REUSE_STRATEGY)
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new LowerCaseFilter(Version, stream);
        stream = new CJKBigramFilter(stream);
        stream = new EnglishPossessiveFilter(Version, stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>
    /// The tokens of a text in runs of adjacent tokens: a run ends where the text has a gap (space, punctuation)
    /// between two tokens, so "智慧停车 高位视频" gives the runs [智慧 慧停 停车] and [高位 位视 视频].
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Runs(string field, string text)
    {
        var runs = new List<IReadOnlyList<string>>();
        var run = new List<string>();
        var previousEnd = -1;
        using var stream = GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            // A removed stop word leaves a position gap: the tokens around it are not adjacent either.
            if (run.Count > 0 && (offset.StartOffset > previousEnd || position.PositionIncrement != 1))
            {
                runs.Add(run);
                run = [];
            }
            run.Add(term.ToString());
            previousEnd = offset.EndOffset;
        }
        stream.End();
        if (run.Count > 0)
        {
            runs.Add(run);
        }
        return runs;
    }

    /// <summary>The distinct terms of a text, in order of first appearance, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<string> Terms(string field, string text, int limit)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stream = GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (terms.Count < limit && stream.IncrementToken())
        {
            var value = term.ToString();
            if (seen.Add(value))
            {
                terms.Add(value);
            }
        }
        stream.End();
        return terms;
    }
}

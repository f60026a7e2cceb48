using Portal.Search;

namespace Portal.Features.Alerts;

/// <summary>
/// Whether a saved search's words match a lot, with the analysis of the lot search (<see cref="PortalAnalyzer"/>: CJK
/// bigrams, English stems); the user's text only ever becomes analyzer terms, never a parsed query.
/// <para>
/// The rule: a query of up to <see cref="AllTermsUpTo"/> terms matches only when the lot has every one of them; a
/// longer query when the lot has at least three quarters of them (rounded up). A lot search ranks by any term, but an
/// alert must not fire for one shared bigram: "智慧停车" (智慧 慧停 停车) would otherwise match every "智慧…" lot.
/// </para>
/// </summary>
public sealed class SavedSearch : IDisposable
{
    /// <summary>Queries with this many terms or fewer need all of them.</summary>
    public const int AllTermsUpTo = 4;

    private readonly PortalAnalyzer _analyzer = new();

    /// <summary>How many of a query's terms a lot must have for the alert to fire.</summary>
    public static int RequiredMatches(int termCount) =>
        termCount <= AllTermsUpTo ? termCount : (termCount * 3 + 3) / 4;

    /// <summary>The distinct terms of a text; none when it has nothing to search for (punctuation, stop words).</summary>
    public IReadOnlyList<string> Terms(string text) => _analyzer.Terms("text", text, SupplierIndex.MaxQueryTerms);

    /// <summary>The distinct terms of a lot's searchable text: its title, its needs and its tender's title.</summary>
    public IReadOnlySet<string> LotTerms(string lotTitle, string lotDescription, string tenderTitle) =>
        _analyzer.Terms("text", $"{lotTitle}\n{lotDescription}\n{tenderTitle}", int.MaxValue).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when the lot has enough of the query's terms (see the rule above); false for a query without terms.</summary>
    public bool Matches(string query, IReadOnlySet<string> lotTerms)
    {
        var terms = Terms(query);
        return terms.Count > 0 && terms.Count(lotTerms.Contains) >= RequiredMatches(terms.Count);
    }

    public void Dispose() => _analyzer.Dispose();
}

namespace Portal.Components.Shared;

public static class LocalUrl
{
    /// <summary>
    /// The URL itself when it is a path on this site, otherwise "/": an absolute or protocol-relative URL
    /// (<c>//evil.example</c>, <c>/\evil.example</c>) in a return address would be an open redirect.
    /// </summary>
    public static string OrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}

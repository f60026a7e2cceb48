namespace Portal.Features.OpenData;

/// <summary>The <c>OpenData</c> settings section: how the portal names itself and its processes in the OCDS feed.</summary>
public sealed class OpenDataOptions
{
    public const string Section = "OpenData";

    /// <summary>
    /// Prefix of every ocid (<c>{prefix}-{tender id}</c>). A real publisher registers its own <c>ocds-xxxxxx</c> prefix
    /// with the Open Contracting Partnership; the default is a placeholder of that form for demos and tests.
    /// </summary>
    public string OcidPrefix { get; set; } = "ocds-smecn1";

    /// <summary>The publisher named in every release package.</summary>
    public string PublisherName { get; set; } = "SME Procurement Portal (中小企业采购门户)";

    /// <summary>The largest release package the import accepts, in bytes (20 MB by default).</summary>
    public long MaxImportBytes { get; set; } = 20 * 1024 * 1024;
}

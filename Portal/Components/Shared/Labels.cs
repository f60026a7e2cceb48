using System.Globalization;
using Portal.Domain;
using Portal.Domain.Suppliers;

namespace Portal.Components.Shared;

/// <summary>Names of reference values in the current UI language (the domain keeps both Chinese and English).</summary>
public static class Labels
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public static string Category(Category category) => Chinese ? category.NameZh : category.NameEn;

    public static string Category(string? key) =>
        Categories.All.FirstOrDefault(c => c.Key == key) is { } category ? Category(category) : key ?? "";

    public static string Industry(IndustryThresholds industry) => Chinese ? industry.NameZh : industry.NameEn;

    /// <summary>A bid's state as the lot page and the opening record name it (the resource key of its label).</summary>
    public static string BidStatusResourceKey(Portal.Domain.Bids.BidStatus status) => status switch
    {
        Portal.Domain.Bids.BidStatus.Sealed => "Not yet decrypted",
        Portal.Domain.Bids.BidStatus.Opened => "Decrypted",
        Portal.Domain.Bids.BidStatus.Invalid => "Invalid at the opening",
        Portal.Domain.Bids.BidStatus.Void => "Void: not decrypted",
        _ => "Withdrawn",
    };

    /// <summary>
    /// The resource key (English text with <c>{0}</c> for the fault's detail, such as a file name) of why a bid is
    /// invalid or void at the opening.
    /// </summary>
    public static string OpeningFaultResourceKey(Portal.Domain.Bids.OpeningFault fault) => fault switch
    {
        Portal.Domain.Bids.OpeningFault.NotBidContent => "The decrypted bid is not a bid: it must be JSON with priceYuan and proposal.",
        Portal.Domain.Bids.OpeningFault.PriceNotPositive => "The decrypted price is not greater than zero.",
        Portal.Domain.Bids.OpeningFault.PriceNotInFen => "The decrypted price has more than two decimal places (fen) or is out of range.",
        Portal.Domain.Bids.OpeningFault.ProposalMissing => "The decrypted bid has no technical proposal.",
        Portal.Domain.Bids.OpeningFault.ProposalTooLong => "The decrypted technical proposal is longer than 20,000 characters.",
        Portal.Domain.Bids.OpeningFault.AttachmentNotOpened => "The attachment \"{0}\" does not open with the bid's key.",
        Portal.Domain.Bids.OpeningFault.AttachmentNotPdf => "The attachment \"{0}\" is not a PDF once decrypted.",
        Portal.Domain.Bids.OpeningFault.AttachmentAltered => "The stored attachment \"{0}\" does not match the receipt.",
        Portal.Domain.Bids.OpeningFault.ReceiptMismatch => "The stored sealed bid does not match the bidder's receipt.",
        _ => "Not decrypted within the opening window: treated as withdrawn (电子招标投标办法 Art. 35).",
    };

    /// <summary>The resource key of a size class given as its API key ("small" → "Small").</summary>
    public static string SizeClassResourceKey(string key) =>
        SizeClassExtensions.TryParseKey(key, out var size) ? size.ToString() : key;
}

using System.Text.Json;

namespace Portal.Domain.Bids;

/// <summary>What a sealed bid holds once opened: UTF-8 JSON <c>{"priceYuan": number, "proposal": string}</c>.</summary>
public sealed record BidContent(decimal PriceYuan, string Proposal)
{
    /// <summary>
    /// Reads and checks an opened bid: a JSON object with a positive price in whole fen and a proposal within its
    /// limit. Returns the fault instead of throwing, because a bid that opens but fails is recorded as invalid.
    /// </summary>
    public static (BidContent? Content, OpeningFault? Fault) Read(byte[] plaintext)
    {
        decimal price;
        string? proposal;
        try
        {
            using var json = JsonDocument.Parse(plaintext);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("priceYuan", out var priceElement) || priceElement.ValueKind != JsonValueKind.Number
                || !priceElement.TryGetDecimal(out price)
                || !root.TryGetProperty("proposal", out var proposalElement) || proposalElement.ValueKind != JsonValueKind.String)
            {
                return (null, OpeningFault.NotBidContent);
            }
            proposal = proposalElement.GetString();
        }
        catch (JsonException)
        {
            return (null, OpeningFault.NotBidContent);
        }
        if (price <= 0)
        {
            return (null, OpeningFault.PriceNotPositive);
        }
        if (price != Math.Round(price, 2) || price > Bid.MaxPriceYuan)
        {
            return (null, OpeningFault.PriceNotInFen);
        }
        var text = (proposal ?? "").Trim();
        if (text.Length == 0)
        {
            return (null, OpeningFault.ProposalMissing);
        }
        if (text.Length > Bid.ProposalMaxLength)
        {
            return (null, OpeningFault.ProposalTooLong);
        }
        return (new BidContent(price, text), null);
    }

    /// <summary>The plaintext a bidder seals: the JSON the portal reads back with <see cref="Read"/>.</summary>
    public byte[] ToPlaintext() => JsonSerializer.SerializeToUtf8Bytes(new { priceYuan = PriceYuan, proposal = Proposal });
}

/// <summary>Why a bid that was opened (or not) at the opening cannot be evaluated; shown in the opening record.</summary>
public enum OpeningFault
{
    /// <summary>The decrypted content is not the JSON object of a bid.</summary>
    NotBidContent,
    PriceNotPositive,

    /// <summary>The price has more than two decimals (fen), or is beyond what the portal records.</summary>
    PriceNotInFen,
    ProposalMissing,
    ProposalTooLong,

    /// <summary>An attachment does not open with the bid's key.</summary>
    AttachmentNotOpened,

    /// <summary>An attachment opens but is not a PDF.</summary>
    AttachmentNotPdf,

    /// <summary>A stored attachment no longer matches the hash sealed in the receipt.</summary>
    AttachmentAltered,

    /// <summary>The stored envelope no longer matches the receipt given to the bidder.</summary>
    ReceiptMismatch,

    /// <summary>Not decrypted by its bidder within the opening window: treated as withdrawn (电子招标投标办法 Art. 35).</summary>
    NotDecrypted,
}

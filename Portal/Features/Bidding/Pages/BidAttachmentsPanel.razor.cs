using Portal.Localization;
using Microsoft.AspNetCore.Components;
using Portal.Domain;
using Portal.Domain.Bids;

namespace Portal.Features.Bidding.Pages;

/// <summary>The sealed PDF documents of the SME's own bid on the lot page: listed with size and SHA-256, removed until the deadline, read once opened.</summary>
public partial class BidAttachmentsPanel
{
    [Inject] private BidAttachmentService Attachments { get; set; } = default!;

    [Parameter, EditorRequired] public Guid LotId { get; set; }

    [Parameter, EditorRequired] public string UserId { get; set; } = "";

    /// <summary>The caller's active bid as last read.</summary>
    [Parameter, EditorRequired] public BidView Mine { get; set; } = default!;

    /// <summary>Whether documents may still be added or removed (the lot is open).</summary>
    [Parameter] public bool CanChange { get; set; }

    /// <summary>Raised after a document was added or removed, so that the page reads the renewed receipt.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    private bool _busy;
    private string? _error;

    private string DownloadUrl(AttachmentView attachment) => $"api/v1/lots/{LotId}/bids/{Mine.Id}/attachments/{attachment.Id}";

    private Task RemoveAsync(Guid attachmentId) => RunAsync(() => Attachments.RemoveAsync(LotId, UserId, attachmentId));

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        try
        {
            await action();
            await Changed.InvokeAsync();
        }
        catch (DomainException ex)
        {
            // The size limit is the portal's, which may be lower than the one the domain named.
            _error = ex.Kind == DomainErrorKind.TooLarge
                ? L.Render(BidAttachment.TooLarge(Attachments.MaxBytes))
                : L.Render(ex);
        }
        finally
        {
            _busy = false;
        }
    }
}

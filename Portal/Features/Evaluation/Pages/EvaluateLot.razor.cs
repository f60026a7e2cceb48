using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Domain;
using Portal.Localization;

namespace Portal.Features.Evaluation.Pages;

/// <summary>An assigned evaluator's work on one lot: the declaration, then a locked score form per bid.</summary>
public partial class EvaluateLot : RefusablePage
{
    [Parameter]
    public Guid LotId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private EvaluationService Evaluation { get; set; } = default!;

    private readonly Dictionary<(Guid BidId, string Criterion), ScoreEntry> _entries = [];
    private EvaluatorLotView? _view;
    private string _userId = "";
    private bool _loading = true;
    private bool _hasConflict;
    private string? _note;
    private string? _refusal;

    protected override async Task OnParametersSetAsync()
    {
        _userId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await LoadAsync();
        _loading = false;
    }

    protected override async Task LoadAsync()
    {
        try
        {
            _view = await Evaluation.ForEvaluatorAsync(LotId, _userId);
        }
        catch (DomainException refused)
        {
            (_view, _refusal) = (null, L.Render(refused));
        }
    }

    private ScoreEntry Entry(Guid bidId, string criterion)
    {
        if (!_entries.TryGetValue((bidId, criterion), out var entry))
        {
            _entries[(bidId, criterion)] = entry = new ScoreEntry();
        }
        return entry;
    }

    private Task DeclareAsync() => RunAsync(() => Evaluation.DeclareAsync(LotId, _userId, _hasConflict, _note));

    private Task ScoreAsync(Guid bidId) => RunAsync(() => Evaluation.ScoreAsync(LotId, _userId, bidId,
        _view!.Criteria.Select(c => (c.Name, Entry: Entry(bidId, c.Name))).Select(x => new MarkInput(x.Name, x.Entry.Score, x.Entry.Comment)).ToList()));

    private sealed class ScoreEntry
    {
        public decimal? Score { get; set; }
        public string? Comment { get; set; }
    }
}

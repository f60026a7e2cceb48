using Portal.Localization;
using Microsoft.AspNetCore.Components;
using Portal.Domain;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;

namespace Portal.Features.Evaluation.Pages;

/// <summary>The officer's page for a lot's evaluation: evaluators and their progress, the ranking, the award.</summary>
public partial class LotEvaluationPage : RefusablePage
{
    [Parameter]
    public Guid LotId { get; set; }

    [Inject]
    private EvaluationService Evaluation { get; set; } = default!;

    [Inject]
    private TenderService Tenders { get; set; } = default!;

    private LotDetail? _lot;
    private IReadOnlyList<EvaluatorProgress>? _evaluators;
    private RankingView? _ranking;
    private string? _rankingRefusal;
    private string? _emails;
    private Guid? _bidToAward;
    private string? _justification;
    private string? _reason;
    private bool _loading = true;

    private bool Decided => _lot?.Status.IsDecided() == true;

    /// <summary>Shown when the chosen bid is not ranked first, or is the only valid bid (the lot's rule asks for a reason then).</summary>
    private bool JustificationNeeded => _ranking is { } ranking
        && (ranking.Outcome == "singleValidBid" || ranking.Items.FirstOrDefault(i => i.BidId == _bidToAward) is { Rank: not 1 });

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _emails = string.Join(Environment.NewLine, _evaluators?.Select(e => e.Email) ?? []);
        _loading = false;
    }

    protected override async Task LoadAsync()
    {
        _lot = await Tenders.GetAsync(LotId, callerIsOfficer: true);
        if (_lot is null)
        {
            return;
        }
        _evaluators = await Evaluation.EvaluatorsAsync(LotId);
        try
        {
            _ranking = await Evaluation.RankingAsync(LotId);
            _rankingRefusal = null;
            _bidToAward ??= _ranking?.Items.FirstOrDefault()?.BidId;
        }
        catch (DomainException sealedBids)
        {
            _rankingRefusal = L.Render(sealedBids);
        }
    }

    private Task AssignAsync() => RunAsync(() => Evaluation.AssignAsync(LotId,
        (_emails ?? "").Split([',', ';', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    private Task AwardAsync() => RunAsync(() => Evaluation.AwardAsync(LotId, _bidToAward, JustificationNeeded ? _justification : null));

    private Task DeclareUnsuccessfulAsync() => RunAsync(() => Evaluation.DeclareUnsuccessfulAsync(LotId, _reason));

    private static string StateLabel(string state) => state switch
    {
        "conflict" => "Excluded (conflict of interest)",
        "finished" => "Submitted",
        "scoring" => "Scoring",
        _ => "Not declared yet",
    };
}

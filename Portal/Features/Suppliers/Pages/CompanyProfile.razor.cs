using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Data;
using Portal.Localization;

namespace Portal.Features.Suppliers.Pages;

public partial class CompanyProfile
{
    [Inject] private SupplierProfileService Profiles { get; set; } = default!;
    [Inject] private SupplierClaims Claims { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private CertificateEvidenceService Certificates { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private MudForm _form = default!;
    private ProfileForm _model = new();
    private Guid? _supplierId;
    private IReadOnlyList<ClaimView> _claims = [];
    private string _userId = "";
    private bool _loading = true;
    private bool _saving;
    private string? _generalError;
    private readonly Dictionary<string, string> _serverErrors = [];
    private readonly Dictionary<Guid, string> _uploadErrors = [];
    private bool _uploading;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if (await Profiles.GetOwnAsync(_userId) is { } existing)
        {
            _model = ProfileForm.From(existing);
            _supplierId = existing.Id;
        }
        else
        {
            _claims = await Claims.MineAsync(_userId, ClaimStatus.Pending);
        }
        _loading = false;
    }

    private async Task SaveAsync()
    {
        _serverErrors.Clear();
        _generalError = null;
        await _form.ValidateAsync();
        if (!_form.IsValid)
        {
            _generalError = L["Some fields need attention; see the messages next to them."];
            return;
        }
        _saving = true;
        try
        {
            var input = _model.ToInput();
            var result = _supplierId is { } id
                ? await Profiles.UpdateAsync(_userId, id, input)
                : await Profiles.CreateAsync(_userId, input);
            if (result.Outcome == ProfileSaveOutcome.Saved)
            {
                _supplierId = result.Supplier!.Id;
                _model = ProfileForm.From(result.Supplier);
                Snackbar.Add(L["Profile saved."], Severity.Success);
            }
            else if (result.Outcome == ProfileSaveOutcome.Invalid)
            {
                _serverErrors[result.Field!] = L.Render(result.Message!);
                _generalError = L.Render(result.Message!);
            }
            else
            {
                _generalError = L.Render(result.Message!);
            }
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>Keeps the PDF as the certificate of a saved certification; the size limit and the PDF check are the API's.</summary>
    private async Task UploadCertificateAsync(Guid certificationId, IBrowserFile? file)
    {
        if (file is null || _supplierId is not { } supplierId)
        {
            return;
        }
        _uploading = true;
        _uploadErrors.Remove(certificationId);
        try
        {
            if (file.Size > Certificates.MaxBytes)
            {
                throw CertificateStore.TooLarge(Certificates.MaxBytes);
            }
            await using var stream = file.OpenReadStream(Certificates.MaxBytes + 1);
            if (await Certificates.UploadAsync(_userId, supplierId, certificationId, file.Name, stream) is { } uploaded
                && _model.Certifications.FirstOrDefault(c => c.Id == certificationId) is { } row)
            {
                row.EvidenceUploaded = true;
                row.EvidenceUrl = uploaded.EvidenceUrl;
                Snackbar.Add(L["Certificate uploaded."], Severity.Success);
            }
        }
        catch (DomainException ex)
        {
            _uploadErrors[certificationId] = L.Render(ex);
        }
        finally
        {
            _uploading = false;
        }
    }

    private bool HasError(string field) => _serverErrors.ContainsKey(field);

    private string? ErrorFor(string field) => _serverErrors.GetValueOrDefault(field);

    private string? ErrorStartingWith(string prefix) =>
        _serverErrors.FirstOrDefault(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).Value;

    private string? ValidateCreditCode(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null
            : CreditCode.Problem(code.Trim().ToUpperInvariant()) is { } problem ? L.Render(problem) : null;

    private string? NotNegative(int value) => value < 0 ? L["Cannot be negative."].Value : null;

    private string? NotNegative(decimal value) => value < 0 ? L["Cannot be negative."].Value : null;

    private string? Positive(decimal value) => value <= 0 ? L["Must be greater than zero."].Value : null;
}

using Microsoft.AspNetCore.Components;
using Portal.Domain;
using Portal.Localization;

namespace Portal.Features.Evaluation.Pages;

/// <summary>
/// A page whose actions a domain rule may refuse: the refusal's reason is shown, and the page reloads after every
/// action, refused or not, so it shows what was saved.
/// </summary>
public abstract class RefusablePage : ComponentBase
{
    protected bool Busy { get; private set; }

    protected string? Error { get; private set; }

    protected abstract Task LoadAsync();

    protected async Task RunAsync(Func<Task> action)
    {
        Busy = true;
        Error = null;
        try
        {
            await action();
        }
        catch (DomainException ex)
        {
            Error = PortalText.Render(ex.Phrase);
        }
        finally
        {
            await LoadAsync();
            Busy = false;
        }
    }
}

using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Portal.Tests.Components;

/// <summary>Base class for bUnit tests of MudBlazor components: MudBlazor services, loose JS interop, interactive server renderer.</summary>
public abstract class MudBlazorTestContext : BunitContext, IAsyncLifetime
{
    protected MudBlazorTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
    }

    /// <summary>
    /// Renders as the interactive server renderer would. Register every service (e.g. <c>AddAuthorization</c>)
    /// before calling it: touching the renderer freezes the service collection.
    /// </summary>
    protected IRenderedComponent<TComponent> RenderInteractive<TComponent>() where TComponent : IComponent
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", true));
        return Render<TComponent>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's PopoverService is only IAsyncDisposable.
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}

using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>A price deduction outside what 财库〔2022〕19号 allows stops the portal at start, not at the first ranking.</summary>
public sealed class ProcurementSettingsTests
{
    private sealed class AppWithDeduction(string deduction) : PortalApp(DatabaseProvider.Sqlite)
    {
        protected override IEnumerable<(string Key, string Value)> Settings => [("Procurement:SmallMicroPriceDeduction", deduction)];
    }

    [Theory]
    [InlineData("0.05")]
    [InlineData("0.25")]
    public async Task APriceDeductionOutsideTenToTwentyPercentStopsTheStart(string deduction)
    {
        await using var app = new AppWithDeduction(deduction);

        var ex = Assert.ThrowsAny<Exception>(() => app.StartServer());

        var validation = Assert.IsType<OptionsValidationException>(ex is OptionsValidationException ? ex : ex.InnerException ?? ex, exactMatch: false);
        Assert.Contains("between 0.10 and 0.20", validation.Message);
    }
}

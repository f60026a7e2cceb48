namespace Portal.Domain;

/// <summary>Money is CNY held in yuan as a decimal; thresholds in the reference data are in 万元.</summary>
public static class Money
{
    public const decimal YuanPerWan = 10_000m;

    public static decimal WanToYuan(decimal wan) => wan * YuanPerWan;

    /// <summary>Rounds to the fen (0.01 yuan), half away from zero as in Chinese financial practice.</summary>
    public static decimal ToFen(decimal yuan) => decimal.Round(yuan, 2, MidpointRounding.AwayFromZero);
}

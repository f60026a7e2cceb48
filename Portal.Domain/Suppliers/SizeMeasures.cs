namespace Portal.Domain.Suppliers;

/// <summary>
/// The three measures the size rule uses, from the enterprise's previous fiscal year:
/// employees (从业人员), revenue (营业收入) and total assets (资产总额), money in yuan.
/// </summary>
public sealed record SizeMeasures(int Employees, decimal RevenueYuan, decimal AssetsYuan);

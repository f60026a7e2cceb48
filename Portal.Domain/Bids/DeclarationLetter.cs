using System.Globalization;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Domain.Bids;

/// <summary>
/// The SME declaration letter (中小企业声明函) of 财库〔2020〕46号, filled in from the bidder's profile when it bids:
/// the lot, the buyer, the company's industry, staff, revenue and assets, and the size class they give.
/// </summary>
public static class DeclarationLetter
{
    public static string Write(Tender tender, Lot lot, Supplier supplier, IndustryThresholds industry, DateTime nowUtc)
    {
        if (!supplier.SizeClass.IsSme())
        {
            throw new InvalidOperationException("Only small and medium enterprises declare themselves under 财库〔2020〕46号.");
        }
        var size = supplier.SizeClass switch
        {
            SizeClass.Medium => "中型企业",
            SizeClass.Small => "小型企业",
            _ => "微型企业",
        };
        // China Standard Time: the date the company signs is the local date.
        var signedOn = nowUtc.AddHours(8).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        return $"""
            中小企业声明函（服务）

            本公司郑重声明，根据《政府采购促进中小企业发展管理办法》（财库〔2020〕46号）的规定，本公司参加{tender.Buyer}的{tender.Title}（标段{lot.Number}：{lot.Title}）采购活动，服务全部由符合政策要求的中小企业承接。相关企业的具体情况如下：

            1. {lot.Title}，属于{industry.NameZh}；承接企业为{supplier.Name}，从业人员{supplier.Employees}人，营业收入为{Wan(supplier.RevenueYuan)}万元，资产总额为{Wan(supplier.AssetsYuan)}万元，属于{size}。

            以上企业，不属于大企业的分支机构，不存在控股股东为大企业的情形，也不存在与大企业的负责人为同一人的情形。

            本企业对上述声明内容的真实性负责。如有虚假，将依法承担相应责任。

            企业名称（盖章）：{supplier.Name}
            统一社会信用代码：{supplier.CreditCode}
            日期：{signedOn}
            """;
    }

    private static string Wan(decimal yuan) => (yuan / 10_000m).ToString("0.##", CultureInfo.InvariantCulture);
}

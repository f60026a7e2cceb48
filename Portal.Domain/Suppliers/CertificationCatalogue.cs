using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Domain.Suppliers;

/// <summary>
/// The certifications and qualifications the portal knows by meaning, each with its Chinese and English names and the
/// ways people write it. Free text resolves to a kind when, normalised (<see cref="Normalize"/>), it equals a kind's
/// key, name or alias; "等保三级", "MLPS Level 3", "网络安全等级保护第三级" and "ＭＬＰＳ　Ｌ３" are one kind. Text that names
/// no kind is kept as "other" and compared as written (normalised). Graded schemes put their grades on one scale,
/// where a higher grade satisfies a lower requirement (decision 0023).
/// </summary>
public static partial class CertificationCatalogue
{
    private static readonly (int Level, string Zh)[] _numerals = [(1, "一"), (2, "二"), (3, "三"), (4, "四"), (5, "五")];

    public static IReadOnlyList<CertificationKind> All { get; } = Build();

    private static readonly Dictionary<string, CertificationKind> _byKey = All.ToDictionary(k => k.Key, StringComparer.Ordinal);
    private static readonly Dictionary<string, CertificationKind> _byName = IndexNames();

    /// <summary>The kind with this key, or null (also for <see cref="CertificationKind.OtherKey"/>).</summary>
    public static CertificationKind? Find(string? key) =>
        key is not null && _byKey.TryGetValue(key.Trim().ToLowerInvariant(), out var kind) ? kind : null;

    /// <summary>The kind that free text names (a key, a name or an alias, normalised), or null when it names none.</summary>
    public static CertificationKind? Resolve(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return Find(text) ?? (_byName.TryGetValue(Normalize(text), out var kind) ? kind : null);
    }

    /// <summary>
    /// The form in which certification names compare: full-width as half-width (NFKC), upper case, no spaces, hyphens,
    /// slashes, dots or brackets, no edition year ("ISO 9001:2015", "GB/T 19001-2016"), no trailing "认证", "证书" or
    /// "资质", and a grade written one way: "Level 3", "L3", "ML3", "三级", "3级" and "第三级" all become "3".
    /// </summary>
    public static string Normalize(string text)
    {
        var s = text.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        s = GbEditionYear().Replace(s, "$1");
        s = ColonEditionYear().Replace(s, "");
        var kept = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c) && !Ignored(c))
            {
                kept.Append(c);
            }
        }
        s = kept.ToString();
        s = ChineseGrade().Replace(s, m => _numerals.First(n => n.Zh == m.Groups[1].Value).Level.ToString(CultureInfo.InvariantCulture));
        s = DigitGrade().Replace(s, "$1");
        s = LatinGrade().Replace(s, "");
        string previous;
        do
        {
            previous = s;
            s = Suffix().Replace(s, "");
        }
        while (s != previous && s.Length > 0);
        return s.Length == 0 ? previous : s;
    }

    private static bool Ignored(char c) => c switch
    {
        '-' or '_' or '/' or '\\' or '|' or '.' or ',' or ':' or ';' or '(' or ')' or '[' or ']' or '"' or '\'' => true,
        '·' or '•' or '、' or '。' or '，' or '【' or '】' or '《' or '》' or '「' or '」' or '“' or '”' or '‘' or '’' => true,
        >= '\u2010' and <= '\u2015' => true,
        '\u2212' => true,
        _ => false,
    };

    [GeneratedRegex(@"(GB\s*/?\s*T\s*\d+(?:\.\d+)?)\s*[-\u2010-\u2015]\s*(?:19|20)\d{2}(?!\d)")]
    private static partial Regex GbEditionYear();

    [GeneratedRegex(@":\s*(?:19|20)\d{2}(?!\d)")]
    private static partial Regex ColonEditionYear();

    [GeneratedRegex("第?([一二三四五])级")]
    private static partial Regex ChineseGrade();

    [GeneratedRegex(@"第?(\d)级")]
    private static partial Regex DigitGrade();

    [GeneratedRegex(@"(?:LEVEL|LVL|LV|ML|L)(?=\d)")]
    private static partial Regex LatinGrade();

    [GeneratedRegex("(?:认证|证书|资质|CERTIFICATION|CERTIFICATE|CERTIFIED)$")]
    private static partial Regex Suffix();

    private static Dictionary<string, CertificationKind> IndexNames()
    {
        var index = new Dictionary<string, CertificationKind>(StringComparer.Ordinal);
        foreach (var kind in All)
        {
            foreach (var name in kind.AllNames.Append(kind.Key))
            {
                var key = Normalize(name);
                if (index.TryGetValue(key, out var other) && other.Key != kind.Key)
                {
                    throw new InvalidOperationException($"The certification alias '{name}' ({key}) names both {other.Key} and {kind.Key}.");
                }
                index[key] = kind;
            }
        }
        return index;
    }

    private static List<CertificationKind> Build()
    {
        var kinds = new List<CertificationKind>();

        // 网络安全等级保护 (MLPS): the grade a system was assessed at; a 第四级 system met every 第三级 control as well.
        foreach (var (level, zh) in _numerals.Where(n => n.Level is >= 2 and <= 4))
        {
            kinds.Add(new($"mlps-{level}", $"网络安全等级保护{zh}级", $"MLPS Level {level}",
            [
                $"等保{zh}级", $"{zh}级等保", $"等保2.0{zh}级", $"网络安全等级保护第{zh}级", $"等级保护{zh}级", $"等级保护第{zh}级",
                $"信息安全等级保护{zh}级", $"信息系统安全等级保护{zh}级", $"等保{zh}级备案", $"等保{zh}级测评",
                $"MLPS {level}", $"MLPS 2.0 Level {level}", $"Multi-Level Protection Scheme Level {level}",
                $"Cybersecurity Classified Protection Level {level}",
            ], scale: "mlps", rank: level));
        }

        kinds.Add(Iso("iso-9001", "ISO 9001", "质量管理体系", "Quality Management System", "GB/T 19001"));
        kinds.Add(Iso("iso-14001", "ISO 14001", "环境管理体系", "Environmental Management System", "GB/T 24001"));
        kinds.Add(Iso("iso-45001", "ISO 45001", "职业健康安全管理体系", "Occupational Health and Safety Management System", "GB/T 45001"));
        kinds.Add(Iso("iso-27001", "ISO/IEC 27001", "信息安全管理体系", "Information Security Management System", "GB/T 22080", "ISO 27001"));
        kinds.Add(Iso("iso-20000-1", "ISO/IEC 20000-1", "信息技术服务管理体系", "IT Service Management System", "GB/T 24405.1", "ISO 20000-1", "ISO 20000", "ISO/IEC 20000"));
        kinds.Add(Iso("iso-27701", "ISO/IEC 27701", "隐私信息管理体系", "Privacy Information Management System", null, "ISO 27701"));
        kinds.Add(Iso("iso-22301", "ISO 22301", "业务连续性管理体系", "Business Continuity Management System", "GB/T 30146"));
        kinds.Add(Iso("iso-50001", "ISO 50001", "能源管理体系", "Energy Management System", "GB/T 23331"));
        kinds.Add(new("gbt-29490", "知识产权管理体系认证（GB/T 29490）", "Intellectual Property Management System (GB/T 29490)",
            ["GB/T 29490", "GB/T 29490-2013", "GB/T 29490-2023", "知识产权管理体系", "知识产权贯标"]));

        // CMMI: maturity levels 2–5 of the development model; a higher maturity level includes the practices of the lower.
        foreach (var (level, zh) in _numerals.Where(n => n.Level is >= 2 and <= 5))
        {
            kinds.Add(new($"cmmi-{level}", $"CMMI {zh}级", $"CMMI Maturity Level {level}",
            [
                $"CMMI {level}", $"CMMI ML{level}", $"CMMI-DEV ML{level}", $"CMMI-DEV Level {level}", $"CMMI V2.0 ML{level}",
                $"CMMI 成熟度{zh}级", $"CMMI 成熟度等级{zh}级", $"能力成熟度模型集成{zh}级", $"CMMI Level {level}",
            ], scale: "cmmi", rank: level));
        }

        // ITSS 信息技术服务运行维护标准符合性证书: 一级 is the highest grade, 四级 the lowest.
        foreach (var (level, zh) in _numerals.Where(n => n.Level <= 4))
        {
            kinds.Add(new($"itss-{level}", $"ITSS 信息技术服务运行维护{zh}级", $"ITSS IT Service Operation and Maintenance Level {level}",
            [
                $"ITSS {zh}级", $"ITSS 运维{zh}级", $"ITSS 运行维护{zh}级", $"信息技术服务运行维护标准符合性证书{zh}级",
                $"信息技术服务标准运维{zh}级", $"信息技术服务标准（ITSS）运维{zh}级", $"运行维护标准符合性{zh}级",
                $"ITSS O&M Level {level}", $"ITSS Level {level}",
            ], scale: "itss", rank: 5 - level));
        }

        // CCRC 信息安全服务资质: each service category has its own grades; 一级 is the highest.
        foreach (var (category, zh, en, longZh) in new[]
        {
            ("integration", "安全集成", "Security Integration", "信息系统安全集成"),
            ("operation", "安全运维", "Security Operation and Maintenance", "信息系统安全运维"),
            ("risk-assessment", "风险评估", "Risk Assessment", "信息安全风险评估"),
            ("emergency-response", "应急处理", "Emergency Response", "信息安全应急处理"),
            ("software-development", "软件安全开发", "Secure Software Development", "软件安全开发"),
        })
        {
            foreach (var (level, numeral) in _numerals.Where(n => n.Level <= 3))
            {
                kinds.Add(new($"ccrc-{category}-{level}", $"CCRC 信息安全服务资质（{zh}）{numeral}级", $"CCRC Information Security Service ({en}) Level {level}",
                [
                    $"CCRC {zh}{numeral}级", $"CCRC {longZh}{numeral}级", $"CCRC {zh} {level}级", $"信息安全服务资质 {zh} {numeral}级",
                    $"信息安全服务资质认证（{zh}{numeral}级）", $"信息安全服务资质{longZh}{numeral}级", $"CCRC {en} Level {level}",
                ], scale: $"ccrc-{category}", rank: 4 - level));
            }
        }

        // 信息系统建设和服务能力等级 (中国电子信息行业联合会): CS1 初始级 … CS5 卓越级.
        foreach (var (level, grade) in new[] { (1, "初始级"), (2, "基本级"), (3, "良好级"), (4, "优秀级"), (5, "卓越级") })
        {
            kinds.Add(new($"cs-{level}", $"信息系统建设和服务能力等级 CS{level}（{grade}）", $"Information System Construction and Service Capability CS{level}",
            [
                $"CS{level}", $"CS{level} {grade}", $"信息系统建设和服务能力 CS{level}", $"信息系统建设和服务能力评估 CS{level}",
                $"信息系统建设和服务能力等级证书 CS{level}", $"信息系统建设和服务能力{grade}", $"信息系统建设和服务能力等级{grade}",
            ], scale: "cs", rank: level));
        }

        // 安防工程企业设计施工维护能力 (中国安全防范产品行业协会): 一级 is the highest.
        foreach (var (level, zh) in _numerals.Where(n => n.Level <= 3))
        {
            kinds.Add(new($"security-engineering-{level}", $"安防工程企业设计施工维护能力{zh}级",
                $"Security Engineering Enterprise Design, Installation and Maintenance Capability Level {level}",
            [
                $"安防工程企业设计施工维护能力证书{zh}级", $"安防工程企业设计施工维护能力评价{zh}级", $"安防工程企业{zh}级",
                $"安防工程{zh}级", $"安防{zh}级", $"安防资质{zh}级", $"安防工程企业资质{zh}级",
            ], scale: "security-engineering", rank: 4 - level));
        }

        // 电子与智能化工程专业承包 (住房和城乡建设部, formerly 建筑智能化工程专业承包): 一级 is the higher grade.
        foreach (var (level, zh) in _numerals.Where(n => n.Level <= 2))
        {
            kinds.Add(new($"electronic-intelligent-{level}", $"电子与智能化工程专业承包{zh}级", $"Electronic and Intelligent Systems Engineering Contracting Grade {level}",
            [
                $"电子与智能化工程专业承包{zh}级资质", $"电子与智能化工程专业承包资质{zh}级", $"电子与智能化{zh}级",
                $"建筑智能化工程专业承包{zh}级", $"建筑智能化工程专业承包资质{zh}级", $"建筑智能化工程专业承包{zh}级资质", $"建筑智能化{zh}级",
            ], scale: "electronic-intelligent", rank: 3 - level));
        }

        // 测绘资质 (自然资源部): 甲级 above 乙级.
        foreach (var (letter, zh, rank) in new[] { ("a", "甲", 2), ("b", "乙", 1) })
        {
            kinds.Add(new($"surveying-grade-{letter}", $"测绘资质{zh}级", $"Surveying and Mapping Qualification Grade {letter.ToUpperInvariant()}",
            [
                $"{zh}级测绘资质", $"测绘{zh}级", $"测绘{zh}级资质", $"测绘资质证书{zh}级",
            ], scale: "surveying", rank: rank));
        }

        kinds.Add(new("high-tech-enterprise", "高新技术企业", "High and New Technology Enterprise",
            ["国家高新技术企业", "高企", "HNTE", "High-tech Enterprise", "National High-tech Enterprise"]));
        kinds.Add(new("software-enterprise", "软件企业证书", "Certified Software Enterprise",
            ["软件企业", "双软", "双软认证", "双软企业", "软件企业认定", "软件企业评估", "Software Enterprise", "Dual Software Certification"]));

        // 专精特新: a 专精特新“小巨人” is chosen from among the 专精特新中小企业, so it is one.
        kinds.Add(new("srdi-sme", "专精特新中小企业", "Specialised, Refined, Distinctive and Innovative SME",
            ["专精特新", "专精特新企业", "省级专精特新中小企业", "SRDI SME"], scale: "srdi", rank: 1));
        kinds.Add(new("srdi-little-giant", "专精特新“小巨人”企业", "SRDI Little Giant Enterprise",
            ["小巨人", "小巨人企业", "专精特新小巨人", "专精特新小巨人企业", "国家级专精特新小巨人企业", "Little Giant Enterprise"], scale: "srdi", rank: 2));

        kinds.Add(new("ccc", "中国强制性产品认证（CCC）", "China Compulsory Certification (CCC)",
            ["CCC", "3C", "CCC认证", "3C认证", "中国强制性产品认证", "China Compulsory Certification"]));

        return kinds;
    }

    private static CertificationKind Iso(string key, string standard, string systemZh, string systemEn, string? gb, params string[] more)
    {
        var aliases = new List<string> { standard, $"{standard} {systemZh}", $"{systemZh}认证", systemZh, $"{standard} {systemEn}", systemEn };
        if (gb is not null)
        {
            aliases.Add(gb);
            aliases.Add($"{gb}/{standard}");
        }
        foreach (var other in more)
        {
            aliases.Add(other);
            aliases.Add($"{other} {systemZh}");
        }
        return new(key, $"{standard} {systemZh}认证", $"{standard} {systemEn}", aliases);
    }
}

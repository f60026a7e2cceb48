#!/usr/bin/env python3
"""Validate the demo seed data in this folder (suppliers.json, tenders.json, demo-accounts.json).

Usage: python3 check_seed.py path/to/sme-size-thresholds.csv [--today YYYY-MM-DD]

Standard library only. Prints the size-class counts, category and certification coverage, the expired-certificate
ratio, lot and eligibility figures, then exits 1 when anything breaks a rule (each violation is listed), else 0.
The reference day defaults to 2026-11-23, the day the data set was written for.
"""
import csv
import json
import os
import re
import sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

CATEGORIES = [
    "smart-waste", "accessibility", "elderly-care", "smart-parking", "urban-management", "agri-sensors",
    "traffic-signals", "water-supply", "cybersecurity", "gis-3d", "community-apps", "iot-platform",
    "data-platform", "video-analytics",
]
# The niches the brief names; each needs at least MIN_PER_NICHE suppliers.
NICHES = CATEGORIES[:11]
MIN_PER_NICHE = 4
CERTIFICATIONS = [
    "ISO 9001", "ISO 14001", "ISO 45001", "ISO 27001", "ISO 20000-1", "CMMI 3", "CMMI 5", "ITSS 3",
    "MLPS Level 3", "CCRC 安全集成三级", "测绘资质乙级", "高新技术企业", "CCC",
]
REGIONS = ["杭州市", "宁波市", "温州市", "绍兴市", "嘉兴市", "湖州市", "金华市", "上海市", "苏州市", "南京市",
           "合肥市", "深圳市", "北京市", "成都市"]
PREFERRED_INDUSTRIES = {"software_it_services", "industry", "information_transmission", "construction",
                        "leasing_business_services", "agriculture", "other"}
ROLES = {"Admin", "Officer", "Evaluator", "Official", "Sme"}
EXPECTED_ACCOUNTS = {
    "admin@demo.local": "Admin", "officer@demo.local": "Officer", "evaluator@demo.local": "Evaluator",
    "evaluator2@demo.local": "Evaluator", "official@demo.local": "Official", "sme@demo.local": "Sme",
    "large@demo.local": "Sme",
}
PASSWORD = "Demo#2026"
WAN = 10000

# Expected mix of size classes (the brief: micro ~10, small ~30, medium ~20, exactly 4 large).
SIZE_RANGES = {"micro": (8, 12), "small": (26, 34), "medium": (17, 23), "large": (4, 4)}

errors = []


def fail(msg):
    errors.append(msg)


# ---------------------------------------------------------------- helpers

def check_char(first17):
    s = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    c = 31 - s % 31
    return ALPHABET[0 if c == 31 else c]


def credit_code_problem(code):
    if not isinstance(code, str) or len(code) != 18:
        return "must be an 18-character string"
    bad = [c for c in code if c not in ALPHABET]
    if bad:
        return f"has characters outside the GB 32100 alphabet: {''.join(bad)}"
    if not code[2:8].isdigit():
        return "positions 3-8 (administrative division) must be digits"
    expected = check_char(code[:17])
    if code[17] != expected:
        return f"check character should be {expected!r}, not {code[17]!r}"
    return None


def parse_date(value, where):
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        fail(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{where}: {value!r} is not a real date")
        return None


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def money(v, where, allow_zero=True):
    if not is_number(v):
        fail(f"{where}: must be a number, got {type(v).__name__}")
        return None
    d = Decimal(str(v))
    if d < 0 or (not allow_zero and d == 0):
        fail(f"{where}: must be {'non-negative' if allow_zero else 'positive'}")
    if d != d.quantize(Decimal("0.01")):
        fail(f"{where}: more than two decimal places")
    return d


def text(obj, key, where, required=True, max_len=None):
    v = obj.get(key)
    if v is None:
        if required:
            fail(f"{where}: missing '{key}'")
        return None
    if not isinstance(v, str) or (required and not v.strip()):
        fail(f"{where}: '{key}' must be a non-empty string")
        return None
    if max_len and len(v) > max_len:
        fail(f"{where}: '{key}' longer than {max_len} characters")
    return v


def cjk_count(s):
    return sum(1 for ch in s if "\u4e00" <= ch <= "\u9fff")


def load_json(name):
    path = os.path.join(HERE, name)
    try:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
    except OSError as e:
        fail(f"{name}: cannot read ({e})")
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        fail(f"{name}: invalid JSON ({e})")
        return None
    if re.search(r"\\u[4-9a-fA-F][0-9a-fA-F]{3}", raw):
        fail(f"{name}: Chinese characters are \\u-escaped; write them unescaped (UTF-8)")
    if raw != json.dumps(data, ensure_ascii=False, indent=2) + "\n":
        print(f"  note: {name} is not in canonical 2-space pretty-printed form")
    if not isinstance(data, list):
        fail(f"{name}: top level must be a JSON array")
        return None
    return data


# ---------------------------------------------------------------- thresholds (README rules)

def load_thresholds(path):
    """Read the CSV. One row (industry) carries an unquoted English name with commas in it, so a row with surplus
    cells has them joined back into the industry_en column, as the portal's own parser does; numbers never shift."""
    table = {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    en = header.index("industry_en")
    for cells in rows[1:]:
        if not any(c.strip() for c in cells):
            continue
        surplus = len(cells) - len(header)
        if surplus < 0:
            raise SystemExit(f"thresholds row {cells} has too few cells")
        if surplus:
            cells = cells[:en] + [",".join(cells[en:en + surplus + 1])] + cells[en + surplus + 1:]
        row = dict(zip(header, cells))

        def num(col):
            v = (row.get(col) or "").strip()
            return Decimal(v) if v else None
        table[row["industry_key"]] = {
            kind: {m: num(f"{kind}_{col}") for m, col in
                   (("employees", "employees"), ("revenue", "revenue_wan_yuan"), ("assets", "assets_wan_yuan"))}
            for kind in ("sme_below", "medium_min", "small_min")
        }
    return table


def size_class(rule, employees, revenue_yuan, assets_yuan):
    measures = {"employees": Decimal(employees), "revenue": Decimal(str(revenue_yuan)) / WAN,
                "assets": Decimal(str(assets_yuan)) / WAN}

    def filled(kind):
        return [(m, v) for m, v in rule[kind].items() if v is not None]

    if not any(measures[m] < v for m, v in filled("sme_below")):
        return "large"
    if all(measures[m] >= v for m, v in filled("medium_min")):
        return "medium"
    if all(measures[m] >= v for m, v in filled("small_min")):
        return "small"
    return "micro"


# ---------------------------------------------------------------- suppliers

def check_suppliers(suppliers, thresholds, today):
    one_year_ago = today - timedelta(days=365)
    three_years_ago = date(today.year - 3, today.month, today.day)
    recent_window = (date(2025, 12, 1), date(2026, 11, 15))
    classes = []
    codes = Counter(s.get("creditCode") for s in suppliers if isinstance(s, dict))
    for code, n in codes.items():
        if n > 1:
            fail(f"credit code {code} used {n} times")
    names = Counter(s.get("name") for s in suppliers if isinstance(s, dict))
    for name, n in names.items():
        if n > 1:
            fail(f"supplier name {name} used {n} times")

    cat_count = Counter()
    cert_total = cert_expired = 0
    cert_valid_holders = Counter()
    industries = Counter()
    with_name_en = 0
    sme_recent_big = []
    sme_old_big_only = []
    sme_project_values = []
    info = []

    for i, s in enumerate(suppliers):
        where = f"suppliers[{i}]"
        if not isinstance(s, dict):
            fail(f"{where}: must be an object")
            classes.append(None)
            continue
        name = text(s, "name", where, max_len=200) or "?"
        where = f"suppliers[{i}] {name}"
        if "nameEn" in s:
            if text(s, "nameEn", where, max_len=200):
                with_name_en += 1
        problem = credit_code_problem(s.get("creditCode"))
        if problem:
            fail(f"{where}: creditCode {s.get('creditCode')!r} {problem}")
        elif not s["creditCode"].startswith("91"):
            fail(f"{where}: creditCode should start with 91 (industry & commerce, company)")
        industry = s.get("industry")
        if industry not in thresholds:
            fail(f"{where}: industry {industry!r} is not a key of the thresholds CSV")
        elif industry not in PREFERRED_INDUSTRIES:
            print(f"  note: {where} uses the less common industry {industry}")
        industries[industry] += 1
        emp = s.get("employees")
        if not isinstance(emp, int) or isinstance(emp, bool) or emp < 0:
            fail(f"{where}: employees must be a non-negative integer")
            emp = None
        rev = money(s.get("revenueYuan"), f"{where}: revenueYuan")
        assets = money(s.get("assetsYuan"), f"{where}: assetsYuan")
        cls = None
        if industry in thresholds and emp is not None and rev is not None and assets is not None:
            cls = size_class(thresholds[industry], emp, rev, assets)
            if cls == "large" and (emp < 1000 or rev < 1_000_000_000):
                fail(f"{where}: a large firm should have >= 1000 employees and >= 10亿元 revenue")
        classes.append(cls)
        if s.get("region") not in REGIONS:
            fail(f"{where}: region {s.get('region')!r} not in the allowed list")
        caps = text(s, "capabilities", where, max_len=8000)
        if caps is not None:
            n = cjk_count(caps)
            if not 150 <= n <= 450:
                fail(f"{where}: capabilities has {n} Chinese characters (want 150-450)")
        cats = s.get("categories")
        if not isinstance(cats, list) or not 1 <= len(cats) <= 3:
            fail(f"{where}: categories must be a list of 1-3 keys")
            cats = []
        if len(set(cats)) != len(cats):
            fail(f"{where}: duplicate categories")
        for c in cats:
            if c not in CATEGORIES:
                fail(f"{where}: unknown category {c!r}")
        for c in set(cats):
            cat_count[c] += 1

        certs = s.get("certifications")
        if not isinstance(certs, list) or len(certs) > 5:
            fail(f"{where}: certifications must be a list of 0-5 items")
            certs = []
        seen = set()
        valid_here = set()
        for j, c in enumerate(certs):
            cw = f"{where}: certifications[{j}]"
            if not isinstance(c, dict):
                fail(f"{cw}: must be an object")
                continue
            cname = c.get("name")
            if cname not in CERTIFICATIONS:
                fail(f"{cw}: name {cname!r} not in the certification list")
            if cname in seen:
                fail(f"{cw}: {cname} listed twice")
            seen.add(cname)
            until = parse_date(c.get("validUntil"), f"{cw}.validUntil")
            if until is None:
                continue
            cert_total += 1
            if until < today:
                cert_expired += 1
                if until < date(2024, 1, 1):
                    fail(f"{cw}: expired long ago ({until}); keep expired ones recent")
            else:
                valid_here.add(cname)
                if not 2027 <= until.year <= 2029:
                    fail(f"{cw}: a valid certification should run until 2027-2029, not {until}")
        for cname in valid_here:
            cert_valid_holders[cname] += 1

        projects = s.get("pastProjects")
        if not isinstance(projects, list) or not 1 <= len(projects) <= 4:
            fail(f"{where}: pastProjects must be a list of 1-4 items")
            projects = []
        parsed = []
        for j, p in enumerate(projects):
            pw = f"{where}: pastProjects[{j}]"
            if not isinstance(p, dict):
                fail(f"{pw}: must be an object")
                continue
            text(p, "title", pw, max_len=200)
            client = text(p, "client", pw, max_len=200)
            desc = text(p, "description", pw, max_len=2000)
            if desc is not None and not 15 <= len(desc) <= 200:
                fail(f"{pw}: description should be 1-3 sentences (15-200 characters), has {len(desc)}")
            if client is not None and cjk_count(client) < 4:
                fail(f"{pw}: client {client!r} does not look like a Chinese public body")
            value = money(p.get("valueYuan"), f"{pw}.valueYuan", allow_zero=False)
            done = parse_date(p.get("completedOn"), f"{pw}.completedOn")
            if done is not None and done > today:
                fail(f"{pw}: completedOn {done} is in the future (the portal refuses it)")
            if value is not None and done is not None:
                parsed.append((value, done))
        if cls in ("micro", "small", "medium"):
            for value, done in parsed:
                sme_project_values.append(value)
                if value > 30_000_000:
                    fail(f"{where}: an SME project of {value / WAN}万元 is above 3,000万元")
            big = [(v, d) for v, d in parsed if v >= 10_000_000]
            if any(recent_window[0] <= d <= recent_window[1] for v, d in big):
                sme_recent_big.append(name)
            if big and all(d < one_year_ago for v, d in big):
                sme_old_big_only.append(name)
        if cls == "large":
            if not any(v >= 1_000_000_000 and d >= three_years_ago for v, d in parsed):
                fail(f"{where}: a large firm needs a project >= 10亿元 completed since {three_years_ago}")
        info.append((i, name, cls, cats, valid_here, parsed, s.get("industry"), s.get("region")))

    # -------- figures
    n = len(suppliers)
    print(f"Suppliers: {n}")
    if not 64 <= n <= 70:
        fail(f"want 64-70 suppliers, have {n}")
    cc = Counter(classes)
    print("Size classes: " + ", ".join(f"{k} {cc.get(k, 0)}" for k in ("micro", "small", "medium", "large")))
    for k, (lo, hi) in SIZE_RANGES.items():
        if not lo <= cc.get(k, 0) <= hi:
            fail(f"{k}: {cc.get(k, 0)} suppliers, want {lo}-{hi}")
    print("Industries: " + ", ".join(f"{k} {v}" for k, v in industries.most_common()))
    print(f"With English name: {with_name_en} of {n}")
    if not 0.35 * n <= with_name_en <= 0.65 * n:
        fail(f"about half the suppliers should have nameEn ({with_name_en} of {n})")

    print("Categories (suppliers per key):")
    for c in CATEGORIES:
        mark = " (niche)" if c in NICHES else ""
        print(f"  {c:18} {cat_count.get(c, 0):3}{mark}")
        if c in NICHES and cat_count.get(c, 0) < MIN_PER_NICHE:
            fail(f"niche {c} has {cat_count.get(c, 0)} suppliers, want >= {MIN_PER_NICHE}")
    mlps_services = [x[1] for x in info if "cybersecurity" in x[3] and "MLPS Level 3" in x[4]]
    print(f"  MLPS level 3 security services (cybersecurity + valid MLPS Level 3): {len(mlps_services)}")
    if len(mlps_services) < MIN_PER_NICHE:
        fail(f"MLPS level 3 security services niche has {len(mlps_services)} suppliers, want >= {MIN_PER_NICHE}")
    multi = sum(1 for x in info if len(x[3]) >= 2)
    print(f"  suppliers spanning two or more categories: {multi}")

    print("Valid certifications (holders): " + ", ".join(f"{c} {cert_valid_holders.get(c, 0)}" for c in CERTIFICATIONS))
    if cert_valid_holders.get("MLPS Level 3", 0) < 8:
        fail("want >= 8 suppliers with a valid MLPS Level 3")
    if cert_valid_holders.get("ISO 27001", 0) < 10:
        fail("want >= 10 suppliers with a valid ISO 27001")
    ratio = cert_expired / cert_total if cert_total else 0
    print(f"Certifications: {cert_total}, expired {cert_expired} ({ratio:.1%}) as of {today}")
    if not 0.10 <= ratio <= 0.20:
        fail(f"about 15% of certifications should be expired (10-20%), have {ratio:.1%}")

    print(f"SMEs with a project >= 1,000万元 completed {recent_window[0]}..{recent_window[1]}: {len(sme_recent_big)}")
    if len(sme_recent_big) < 12:
        fail("want >= 12 SMEs with a project >= 1,000万元 completed within the last year")
    print(f"SMEs whose projects >= 1,000万元 are all older than a year: {len(sme_old_big_only)} ({', '.join(sme_old_big_only)})")
    if len(sme_old_big_only) < 3:
        fail("want several (>= 3) SMEs whose big projects are only older than a year")
    in_band = sum(1 for v in sme_project_values if 500_000 <= v <= 30_000_000)
    share = in_band / len(sme_project_values) if sme_project_values else 0
    print(f"SME projects in 50万-3,000万元: {in_band} of {len(sme_project_values)} ({share:.0%})")
    if share < 0.8:
        fail("SME project values should mostly lie within 50万-3,000万元")

    # -------- the two demo suppliers
    if len(info) >= 2:
        i0, name0, cls0, cats0, valid0, proj0, ind0, reg0 = info[0]
        if cls0 != "small":
            fail(f"suppliers[0] {name0} must be small, is {cls0}")
        if ind0 != "software_it_services" or reg0 != "杭州市":
            fail("suppliers[0] must be software_it_services in 杭州市")
        if not {"smart-waste", "iot-platform"} <= set(cats0):
            fail("suppliers[0] must be in smart-waste and iot-platform")
        if "ISO 27001" not in valid0:
            fail("suppliers[0] needs a valid ISO 27001")
        if not any(v >= 10_000_000 and d >= date(2026, 5, 1) for v, d in proj0):
            fail("suppliers[0] needs a project >= 1,000万元 completed 2026-05 or later")
        i1, name1, cls1, _, valid1, _, _, _ = info[1]
        if cls1 != "large":
            fail(f"suppliers[1] {name1} must be large, is {cls1}")
        if "ISO 27001" not in valid1:
            fail("suppliers[1] needs a valid ISO 27001")
        print(f"Demo suppliers: [0] {name0} ({cls0}), [1] {name1} ({cls1})")
    return info


# ---------------------------------------------------------------- tenders

def requirement_met(req, supplier_info, today):
    _, _, cls, _, valid, projects, _, _ = supplier_info
    if req["kind"] == "certification":
        return req["name"] in valid
    since = date(today.year - req["withinYears"], today.month, today.day)
    return any(v >= Decimal(str(req["minValueYuan"])) and d >= since for v, d in projects)


def check_tenders(tenders, info, today, evaluator_emails):
    print(f"Tenders: {len(tenders)}")
    if len(tenders) != 3:
        fail(f"want exactly 3 tenders, have {len(tenders)}")
    published = 0
    lots_total = reserved = 0
    lower_bar_pattern = False
    for t_i, t in enumerate(tenders):
        where = f"tenders[{t_i}]"
        if not isinstance(t, dict):
            fail(f"{where}: must be an object")
            continue
        title = text(t, "title", where, max_len=200) or "?"
        where = f"tenders[{t_i}] {title}"
        text(t, "description", where, max_len=8000)
        buyer = text(t, "buyer", where, max_len=200)
        if buyer and not buyer.startswith("杭州市"):
            fail(f"{where}: buyer {buyer!r} is not a 杭州市 body")
        budget = money(t.get("budgetYuan"), f"{where}: budgetYuan", allow_zero=False)
        if t.get("category") not in CATEGORIES:
            fail(f"{where}: unknown category {t.get('category')!r}")
        if not isinstance(t.get("publish"), bool):
            fail(f"{where}: publish must be true or false")
        days = t.get("biddingDays")
        if not isinstance(days, int) or isinstance(days, bool) or days < 15:
            fail(f"{where}: biddingDays must be an integer >= 15")
        if t.get("publish") is True:
            published += 1
        lots = t.get("lots")
        if not isinstance(lots, list) or not 2 <= len(lots) <= 4:
            fail(f"{where}: want 2-4 lots")
            lots = []
        lot_sum = Decimal(0)
        high_bar = low_bar = False
        print(f"  {title} — {buyer}, budget {budget / WAN if budget else '?'}万元, "
              f"{'published, ' + str(days) + ' days' if t.get('publish') else 'draft'}")
        for l_i, lot in enumerate(lots):
            lw = f"{where}: lots[{l_i}]"
            if not isinstance(lot, dict):
                fail(f"{lw}: must be an object")
                continue
            lots_total += 1
            ltitle = text(lot, "title", lw, max_len=200) or "?"
            desc = text(lot, "description", lw, max_len=8000)
            if desc is not None and not 100 <= len(desc) <= 300:
                fail(f"{lw}: description has {len(desc)} characters (want 100-300)")
            value = money(lot.get("valueYuan"), f"{lw}.valueYuan", allow_zero=False)
            if value is not None:
                lot_sum += value
            is_reserved = lot.get("reservedForSmes")
            if not isinstance(is_reserved, bool):
                fail(f"{lw}: reservedForSmes must be true or false")
            if is_reserved:
                reserved += 1
                if value is not None and value > 4_000_000:
                    fail(f"{lw}: reserved lot of {value / WAN}万元 is above 400万元")
            reqs = lot.get("requirements") or []
            ok_reqs = []
            for r_i, r in enumerate(reqs):
                rw = f"{lw}.requirements[{r_i}]"
                kind = r.get("kind") if isinstance(r, dict) else None
                if kind == "pastProject":
                    mv = money(r.get("minValueYuan"), f"{rw}.minValueYuan", allow_zero=False)
                    wy = r.get("withinYears")
                    if not isinstance(wy, int) or isinstance(wy, bool) or not 1 <= wy <= 10:
                        fail(f"{rw}: withinYears must be an integer 1-10")
                    elif mv is not None:
                        ok_reqs.append(r)
                        if not is_reserved and mv >= 1_000_000_000 and wy == 3:
                            high_bar = True
                        if is_reserved and mv == 10_000_000 and wy == 1:
                            low_bar = True
                elif kind == "certification":
                    if r.get("name") not in CERTIFICATIONS:
                        fail(f"{rw}: certification {r.get('name')!r} not in the list")
                    else:
                        ok_reqs.append(r)
                else:
                    fail(f"{rw}: kind must be pastProject or certification")
            crits = lot.get("criteria")
            if not isinstance(crits, list) or not crits:
                fail(f"{lw}: criteria missing")
                crits = []
            weights = [c.get("weight") for c in crits if isinstance(c, dict)]
            if any(not isinstance(w, int) or isinstance(w, bool) or w <= 0 for w in weights):
                fail(f"{lw}: criterion weights must be positive integers")
            elif sum(weights) != 100:
                fail(f"{lw}: criterion weights sum to {sum(weights)}, not 100")
            prices = [c for c in crits if isinstance(c, dict) and c.get("isPrice") is True]
            if len(prices) != 1:
                fail(f"{lw}: want exactly one price criterion, have {len(prices)}")
            elif not 10 <= prices[0].get("weight", 0) <= 40:
                fail(f"{lw}: price weight {prices[0].get('weight')} outside 10-40")
            cnames = [c.get("name") for c in crits if isinstance(c, dict)]
            if any(not isinstance(x, str) or not x.strip() for x in cnames) or len(set(cnames)) != len(cnames):
                fail(f"{lw}: criterion names must be non-empty and unique")
            for e in lot.get("evaluators") or []:
                if e not in evaluator_emails:
                    fail(f"{lw}: evaluator {e!r} is not an Evaluator demo account")
            eligible = [x for x in info if x[2] is not None
                        and (not is_reserved or x[2] != "large")
                        and all(requirement_met(r, x, today) for r in ok_reqs)]
            print(f"    {ltitle}: {value / WAN if value else '?'}万元, "
                  f"{'SME-reserved' if is_reserved else 'open'}, {len(eligible)} eligible suppliers"
                  f"{' (incl. suppliers[0])' if eligible and eligible[0][0] == 0 else ''}")
            if len(eligible) < 2:
                fail(f"{lw}: only {len(eligible)} supplier(s) meet the requirements; want competition (>= 2)")
        if budget is not None and lot_sum > budget:
            fail(f"{where}: lots add up to {lot_sum} yuan, more than the budget {budget}")
        if high_bar and low_bar:
            lower_bar_pattern = True
    print(f"Lots: {lots_total}, SME-reserved {reserved}; published tenders {published}")
    if not 9 <= lots_total <= 11:
        fail(f"want 9-11 lots in total, have {lots_total}")
    if reserved < 4:
        fail(f"want >= 4 SME-reserved lots, have {reserved}")
    if published != 2:
        fail(f"want exactly 2 published tenders, have {published}")
    if not lower_bar_pattern:
        fail("no tender has an open lot asking >= 10亿元 in 3 years next to a reserved lot asking >= 1,000万元 in 1 year")
    else:
        print("Lower-bar pattern present: open lot >= 10亿元/3 years beside reserved lot >= 1,000万元/1 year")


# ---------------------------------------------------------------- accounts

def check_accounts(accounts, suppliers):
    emails = Counter(a.get("email") for a in accounts if isinstance(a, dict))
    for e, n in emails.items():
        if n > 1:
            fail(f"demo account {e} listed {n} times")
    by_email = {a.get("email"): a for a in accounts if isinstance(a, dict)}
    for email, role in EXPECTED_ACCOUNTS.items():
        a = by_email.get(email)
        if a is None:
            fail(f"demo account {email} missing")
            continue
        if a.get("role") != role:
            fail(f"{email}: role {a.get('role')!r}, want {role}")
        if a.get("password") != PASSWORD:
            fail(f"{email}: password should be {PASSWORD}")
    for a in accounts:
        if isinstance(a, dict) and a.get("role") not in ROLES:
            fail(f"{a.get('email')}: unknown role {a.get('role')!r}")
    if len(suppliers) >= 2:
        if by_email.get("sme@demo.local", {}).get("supplierCreditCode") != suppliers[0].get("creditCode"):
            fail("sme@demo.local must own suppliers[0] (supplierCreditCode)")
        if by_email.get("large@demo.local", {}).get("supplierCreditCode") != suppliers[1].get("creditCode"):
            fail("large@demo.local must own suppliers[1] (supplierCreditCode)")
    codes = {s.get("creditCode") for s in suppliers if isinstance(s, dict)}
    for a in accounts:
        code = a.get("supplierCreditCode") if isinstance(a, dict) else None
        if code is not None and code not in codes:
            fail(f"{a.get('email')}: supplierCreditCode {code} matches no supplier")
    print(f"Demo accounts: {len(accounts)}")
    return {a.get("email") for a in accounts if isinstance(a, dict) and a.get("role") == "Evaluator"}


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    today = date(2026, 11, 23)
    if "--today" in argv:
        today = date.fromisoformat(argv[argv.index("--today") + 1])
    thresholds = load_thresholds(argv[1])
    suppliers = load_json("suppliers.json") or []
    tenders = load_json("tenders.json") or []
    accounts = load_json("demo-accounts.json") or []
    info = check_suppliers(suppliers, thresholds, today)
    evaluators = check_accounts(accounts, suppliers)
    check_tenders(tenders, info, today, evaluators)
    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors:
            print(f"  - {e}")
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

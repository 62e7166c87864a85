//! Agency names → administrative region and kind of agency.
//!
//! A report's agency is named the way Chinese agencies name themselves: a
//! chain of division names followed by the body, e.g. 淮安市洪泽区人民政府 or
//! 淄博市公安局. [`resolve_region`] reads the chain against the division table
//! shipped in `data/divisions/divisions.tsv` (see the README there for source,
//! licence and vintage); [`resolve_kind`] reads the body's suffix against a
//! table of agency types; [`same_agency`] tells whether two spellings name the
//! same agency (with or without parent divisions).
//!
//! Nothing here guesses: a division name that exists in several places
//! (朝阳区 in 北京市 and in 长春市) resolves only when a parent division in the
//! name picks one of them.

use std::collections::HashMap;
use std::sync::LazyLock;

const DIVISIONS_TSV: &str = include_str!("../../../data/divisions/divisions.tsv");
const ALIASES_TSV: &str = include_str!("../../../data/divisions/aliases.tsv");

/// Where an agency sits. `code` is the 6-digit GB/T 2260 code of the deepest
/// division found in its name (a province code such as 310000 when only the
/// province is named).
///
/// A district or county of a 直辖市 has `city` = the municipality's name
/// (上海市浦东新区 → province 上海市, city 上海市, county 浦东新区). A
/// county-level city directly under a province (济源市, 仙桃市 …) has no city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub code: String,
    pub province: String,
    pub city: Option<String>,
    pub county: Option<String>,
}

/// The kind of an agency, from the suffix of its name: an English slug for
/// code and a Chinese name for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub slug: &'static str,
    pub name: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Province,
    City,
    County,
}

#[derive(Debug)]
struct Division {
    code: &'static str,
    name: &'static str,
    level: Level,
    parent: Option<usize>,
}

struct Table {
    divisions: Vec<Division>,
    /// Full names and aliases → divisions bearing them.
    full: HashMap<&'static str, Vec<usize>>,
    /// Short names of provinces and cities (淄博 for 淄博市) → divisions; used
    /// only where no full name matches.
    short: HashMap<String, Vec<usize>>,
    /// Longest key of either map, in chars: the most prefixes worth looking up.
    max_chars: usize,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| Table::parse(DIVISIONS_TSV, ALIASES_TSV));

/// Level suffixes removed to form a short name, longest first; one is removed.
const NAME_SUFFIXES: &[&str] = &[
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "新区",
    "林区",
    "特区",
    "省",
    "市",
    "盟",
    "县",
    "区",
    "旗",
];

/// Ethnic designations removed (repeatedly) after an autonomous suffix:
/// 延边朝鲜族自治州 → 延边, 巴音郭楞蒙古自治州 → 巴音郭楞. Only forms that cannot be
/// the end of a place name: "X族", and the few names used without 族.
const ETHNIC: &[&str] = &[
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "塔吉克",
    "普米",
    "怒",
    "鄂温克",
    "保安",
    "裕固",
    "鄂伦春",
    "独龙",
    "各",
];
const ETHNIC_WITHOUT_ZU: &[&str] = &["蒙古", "维吾尔", "哈萨克", "柯尔克孜", "塔吉克", "锡伯", "鄂伦春"];

/// Organisations that put their own name before the division chain
/// (国家税务总局淄博市税务局); skipped before matching.
const LEADING_ORGANISATIONS: &[&str] = &["国家税务总局"];

/// Provinces that are 直辖市: their districts report the municipality as city.
const MUNICIPALITIES: &[&str] = &["110000", "120000", "310000", "500000"];

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// 淄博市 → 淄博, 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边; None when the
/// result would be shorter than 2 chars (城区, 沛县) or nothing was removed.
fn short_name(name: &str) -> Option<String> {
    let suffix = NAME_SUFFIXES.iter().find(|s| name.ends_with(*s))?;
    let mut base = &name[..name.len() - suffix.len()];
    if suffix.starts_with("自治") {
        'strip: loop {
            for e in ETHNIC {
                for form in [format!("{e}族"), e.to_string()] {
                    if form == *e && !ETHNIC_WITHOUT_ZU.contains(e) {
                        continue;
                    }
                    if let Some(rest) = base.strip_suffix(form.as_str()) {
                        if char_count(rest) >= 2 {
                            base = rest;
                            continue 'strip;
                        }
                    }
                }
            }
            break;
        }
    }
    (char_count(base) >= 2 && base != name).then(|| base.to_string())
}

impl Table {
    /// Parses the embedded tables. Malformed lines are skipped, never panicked
    /// on; the tests check the row counts.
    fn parse(divisions_tsv: &'static str, aliases_tsv: &'static str) -> Table {
        let mut divisions = Vec::new();
        let mut parent_codes = Vec::new();
        for line in divisions_tsv.lines().skip(1) {
            let mut f = line.split('\t');
            let (Some(code), Some(name), Some(level), parent) = (f.next(), f.next(), f.next(), f.next()) else {
                continue;
            };
            let level = match level {
                "province" => Level::Province,
                "city" => Level::City,
                "county" => Level::County,
                _ => continue,
            };
            if code.len() != 6 || name.is_empty() {
                continue;
            }
            divisions.push(Division { code, name, level, parent: None });
            parent_codes.push(parent.unwrap_or(""));
        }
        let by_code: HashMap<&str, usize> = divisions.iter().enumerate().map(|(i, d)| (d.code, i)).collect();
        for (d, p) in divisions.iter_mut().zip(parent_codes) {
            d.parent = by_code.get(p).copied();
        }

        let mut full: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut short: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in divisions.iter().enumerate() {
            full.entry(d.name).or_default().push(i);
            // Counties only by full name: their short forms are too often
            // common words (太湖, 东海, 光明, 公安, 资源).
            if d.level == Level::County {
                continue;
            }
            if let Some(s) = short_name(d.name) {
                short.entry(s).or_default().push(i);
            }
        }
        for line in aliases_tsv.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            if let (Some(alias), Some(code)) = (f.next(), f.next()) {
                if let Some(&i) = by_code.get(code.trim()) {
                    let v = full.entry(alias.trim()).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
        }
        let max_chars =
            full.keys().map(|k| char_count(k)).chain(short.keys().map(|k| char_count(k))).max().unwrap_or(0);
        Table { divisions, full, short, max_chars }
    }

    fn is_strict_ancestor(&self, ancestor: usize, mut i: usize) -> bool {
        // At most three levels; the bound guards against a cycle in bad data.
        for _ in 0..4 {
            match self.divisions[i].parent {
                Some(p) if p == ancestor => return true,
                Some(p) => i = p,
                None => return false,
            }
        }
        false
    }

    /// The longest division name at the start of `rest` that fits under the
    /// chain so far (`under`: candidates for the last matched division; empty
    /// at the start). Full names first; short names only where no full name
    /// fits, and never where the text is an agency suffix itself (公安局 is
    /// not 公安县's 公安 + 局). Returns the matched byte length, the
    /// candidates it leaves, and whether a short name matched.
    fn match_at(&self, rest: &str, under: &[usize]) -> Option<(usize, Vec<usize>, bool)> {
        let ends: Vec<usize> = rest.char_indices().map(|(i, c)| i + c.len_utf8()).take(self.max_chars).collect();
        let fits = |v: &Vec<usize>| -> Vec<usize> {
            let mut c: Vec<usize> = v
                .iter()
                .copied()
                .filter(|&i| under.is_empty() || under.iter().any(|&p| self.is_strict_ancestor(p, i)))
                .collect();
            c.sort_unstable();
            c.dedup();
            c
        };
        for &end in ends.iter().rev() {
            if let Some(v) = self.full.get(&rest[..end]) {
                let c = fits(v);
                if !c.is_empty() {
                    return Some((end, c, false));
                }
            }
        }
        if KINDS.iter().any(|(suffix, _, _)| rest.starts_with(suffix)) {
            return None;
        }
        for &end in ends.iter().rev() {
            if let Some(v) = self.short.get(&rest[..end]) {
                let c = fits(v);
                if !c.is_empty() {
                    return Some((end, c, true));
                }
            }
        }
        None
    }

    /// The division an agency name starts with, and the byte length of the
    /// name's division chain (leading organisation included).
    ///
    /// A chain read through a short name stands only for a name that ends in an agency
    /// kind (淄博高新区管委会, 广西交通运输厅): there the place names the body's
    /// jurisdiction. In the name of a university, hospital or company a place word is
    /// part of a proper name and says nothing sure of where it is (中山大学 is in
    /// 广州市, not 中山市): no region.
    fn resolve(&self, name: &str) -> Option<(usize, usize)> {
        let mut pos = LEADING_ORGANISATIONS.iter().find(|o| name.starts_with(*o)).map_or(0, |o| o.len());
        let mut current: Vec<usize> = Vec::new();
        let mut by_short_name = false;
        while pos < name.len() {
            let Some((len, c, short)) = self.match_at(&name[pos..], &current) else {
                break;
            };
            pos += len;
            current = c;
            by_short_name |= short;
        }
        if by_short_name && !KINDS.iter().any(|(suffix, _, _)| name.ends_with(suffix)) {
            return None;
        }
        match current.as_slice() {
            [one] => Some((*one, pos)),
            _ => None,
        }
    }

    fn region(&self, i: usize) -> Region {
        let d = &self.divisions[i];
        let mut chain = vec![i];
        let mut j = i;
        while let Some(p) = self.divisions[j].parent {
            if chain.len() > 3 {
                break;
            }
            chain.push(p);
            j = p;
        }
        let name_at = |level: Level| chain.iter().map(|&k| &self.divisions[k]).find(|k| k.level == level);
        let province = name_at(Level::Province);
        let county = name_at(Level::County).map(|k| k.name.to_string());
        let city = match name_at(Level::City) {
            Some(c) => Some(c.name.to_string()),
            None => province
                .filter(|p| d.level != Level::Province && MUNICIPALITIES.contains(&p.code))
                .map(|p| p.name.to_string()),
        };
        Region {
            code: d.code.to_string(),
            province: province.map(|p| p.name.to_string()).unwrap_or_default(),
            city,
            county,
        }
    }
}

/// The name with all whitespace removed (titles and cells sometimes break a
/// name with spaces or line breaks).
fn compact(agency: &str) -> String {
    agency.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The words that tell an agency's kind (人民政府办公厅, 公安局, …), for OCR to check a
/// title's agency against.
pub fn kind_names() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.0)
}

/// Every division name and alias known (北京市, 东城区, 平潭综合实验区, …), for OCR to
/// check a title's place name against.
pub fn division_names() -> impl Iterator<Item = &'static str> {
    TABLE.full.keys().copied()
}

/// The region an agency name starts with: the chain of division names at its
/// start, longest name first at each step, each under the previous one.
/// 淄博市公安局 → 山东省 淄博市 (370300); 淮安市洪泽区人民政府 and 洪泽区人民政府 →
/// 江苏省 淮安市 洪泽区 (320813); 上海市人民政府办公厅 → 上海市 (310000).
///
/// A short name (淄博 for 淄博市, 广西 for 广西壮族自治区) counts only for
/// provinces and cities, only where no full name fits, and only in the name
/// of an agency of a known kind (中山市公安局 is in 中山市, 中山大学 is not);
/// counties count only by full name or alias. A name that
/// exists in several places resolves only when an earlier name in the chain
/// picks one; otherwise the answer is None, never a guess.
pub fn resolve_region(agency: &str) -> Option<Region> {
    let name = compact(agency);
    let table = &*TABLE;
    table.resolve(&name).map(|(i, _)| table.region(i))
}

/// Agency-type suffixes: (suffix, slug, Chinese name). The longest suffix
/// that ends the name wins, so 镇人民政府 beats 人民政府 and 人民政府办公室 beats
/// 办公室.
const KINDS: &[(&str, &str, &str)] = &[
    ("人民政府", "government", "人民政府"),
    ("人民政府办公室", "government_office", "政府办公室/厅"),
    ("人民政府办公厅", "government_office", "政府办公室/厅"),
    ("政府办公室", "government_office", "政府办公室/厅"),
    ("政府办公厅", "government_office", "政府办公室/厅"),
    ("乡人民政府", "township", "乡镇人民政府"),
    ("镇人民政府", "township", "乡镇人民政府"),
    ("街道办事处", "subdistrict", "街道办事处"),
    ("综合实验区", "special_zone", "开发区/新区/管委会"),
    ("管委会", "special_zone", "开发区/新区/管委会"),
    ("管理委员会", "special_zone", "开发区/新区/管委会"),
    ("公安局", "public_security", "公安"),
    ("公安分局", "public_security", "公安"),
    ("公安厅", "public_security", "公安"),
    ("市场监督管理局", "market_regulation", "市场监督管理"),
    ("生态环境局", "ecology_environment", "生态环境"),
    ("生态环境厅", "ecology_environment", "生态环境"),
    ("环境保护局", "ecology_environment", "生态环境"),
    ("自然资源和规划局", "natural_resources", "自然资源"),
    ("自然资源局", "natural_resources", "自然资源"),
    ("自然资源厅", "natural_resources", "自然资源"),
    ("国土资源局", "natural_resources", "自然资源"),
    ("住房和城乡建设局", "housing_construction", "住房和城乡建设"),
    ("住房和城乡建设委员会", "housing_construction", "住房和城乡建设"),
    ("住房和城乡建设厅", "housing_construction", "住房和城乡建设"),
    ("住房城乡建设局", "housing_construction", "住房和城乡建设"),
    ("交通运输局", "transport", "交通运输"),
    ("交通运输厅", "transport", "交通运输"),
    ("交通局", "transport", "交通运输"),
    ("教育局", "education", "教育"),
    ("教育厅", "education", "教育"),
    ("教育和体育局", "education", "教育"),
    ("教育体育局", "education", "教育"),
    ("卫生健康委员会", "health", "卫生健康"),
    ("卫生健康委", "health", "卫生健康"),
    ("卫生健康局", "health", "卫生健康"),
    ("卫生和计划生育委员会", "health", "卫生健康"),
    ("卫生和计划生育局", "health", "卫生健康"),
    ("人力资源和社会保障局", "human_resources", "人力资源和社会保障"),
    ("人力资源和社会保障厅", "human_resources", "人力资源和社会保障"),
    ("人力资源社会保障局", "human_resources", "人力资源和社会保障"),
    ("财政局", "finance", "财政"),
    ("财政厅", "finance", "财政"),
    ("税务局", "taxation", "税务"),
    ("发展和改革委员会", "development_reform", "发展和改革"),
    ("发展和改革局", "development_reform", "发展和改革"),
    ("发展改革委", "development_reform", "发展和改革"),
    ("发展改革局", "development_reform", "发展和改革"),
    ("民政局", "civil_affairs", "民政"),
    ("民政厅", "civil_affairs", "民政"),
    ("司法局", "justice", "司法行政"),
    ("司法厅", "justice", "司法行政"),
    ("农业农村局", "agriculture", "农业农村"),
    ("农业农村厅", "agriculture", "农业农村"),
    ("农业局", "agriculture", "农业农村"),
    ("应急管理局", "emergency_management", "应急管理"),
    ("应急管理厅", "emergency_management", "应急管理"),
    ("安全生产监督管理局", "emergency_management", "应急管理"),
    ("水利局", "water", "水利"),
    ("水利厅", "water", "水利"),
    ("水务局", "water", "水利"),
    ("文化和旅游局", "culture_tourism", "文化和旅游"),
    ("文化和旅游厅", "culture_tourism", "文化和旅游"),
    ("文化广电和旅游局", "culture_tourism", "文化和旅游"),
    ("文化广电旅游局", "culture_tourism", "文化和旅游"),
    ("文化广电新闻出版旅游局", "culture_tourism", "文化和旅游"),
    ("文化体育和旅游局", "culture_tourism", "文化和旅游"),
    ("商务局", "commerce", "商务"),
    ("商务厅", "commerce", "商务"),
    ("审计局", "audit", "审计"),
    ("审计厅", "audit", "审计"),
    ("统计局", "statistics", "统计"),
    ("退役军人事务局", "veterans_affairs", "退役军人事务"),
    ("退役军人事务厅", "veterans_affairs", "退役军人事务"),
    ("医疗保障局", "medical_security", "医疗保障"),
    ("城市管理局", "urban_management", "城市管理/综合执法"),
    ("城市管理行政执法局", "urban_management", "城市管理/综合执法"),
    ("城市管理综合行政执法局", "urban_management", "城市管理/综合执法"),
    ("综合行政执法局", "urban_management", "城市管理/综合执法"),
    ("科学技术局", "science_technology", "科学技术"),
    ("科学技术厅", "science_technology", "科学技术"),
    ("科技局", "science_technology", "科学技术"),
    ("工业和信息化局", "industry_it", "工业和信息化"),
    ("工业和信息化厅", "industry_it", "工业和信息化"),
    ("经济和信息化局", "industry_it", "工业和信息化"),
    ("工业和信息化委员会", "industry_it", "工业和信息化"),
    ("人民防空办公室", "civil_air_defence", "人民防空"),
    ("档案局", "archives", "档案"),
    ("档案馆", "archives", "档案"),
    ("林业局", "forestry", "林业"),
    ("林业和草原局", "forestry", "林业"),
    ("体育局", "sports", "体育"),
    ("数据局", "data", "数据/大数据"),
    ("大数据局", "data", "数据/大数据"),
    ("大数据管理局", "data", "数据/大数据"),
    ("大数据发展管理局", "data", "数据/大数据"),
    ("数据资源管理局", "data", "数据/大数据"),
    ("行政审批局", "government_services", "行政审批/政务服务"),
    ("行政审批服务局", "government_services", "行政审批/政务服务"),
    ("政务服务管理局", "government_services", "行政审批/政务服务"),
    ("政务服务和大数据管理局", "government_services", "行政审批/政务服务"),
    ("信访局", "petitions", "信访"),
    ("民族宗教事务局", "ethnic_religious_affairs", "民族宗教事务"),
    ("民族宗教事务委员会", "ethnic_religious_affairs", "民族宗教事务"),
    ("外事办公室", "foreign_affairs", "外事"),
    ("机关事务管理局", "government_logistics", "机关事务管理"),
    ("粮食和物资储备局", "grain_reserves", "粮食和物资储备"),
    ("地方金融监督管理局", "financial_regulation", "地方金融监管"),
    ("金融工作局", "financial_regulation", "地方金融监管"),
    ("气象局", "meteorology", "气象"),
    ("地震局", "earthquake", "地震"),
    ("住房公积金管理中心", "housing_fund", "住房公积金"),
    ("医疗保障厅", "medical_security", "医疗保障"),
    ("市场监督管理厅", "market_regulation", "市场监督管理"),
    ("广播电视局", "radio_television", "广播电视"),
    ("新闻出版局", "press_publication", "新闻出版"),
    ("知识产权局", "intellectual_property", "知识产权"),
    ("药品监督管理局", "drug_administration", "药品监督管理"),
    ("乡村振兴局", "rural_revitalisation", "乡村振兴"),
    ("扶贫开发办公室", "rural_revitalisation", "乡村振兴"),
    ("国有资产监督管理委员会", "state_assets", "国有资产监督管理"),
    ("海洋与渔业局", "ocean_fisheries", "海洋与渔业"),
    ("消防救援支队", "fire_rescue", "消防救援"),
];

/// The kind of an agency from the suffix of its name (longest suffix wins):
/// 淄博市公安局 → public_security, 某某镇人民政府 → township.
pub fn resolve_kind(agency: &str) -> Option<Kind> {
    let name = compact(agency);
    KINDS
        .iter()
        .filter(|(suffix, _, _)| name.ends_with(suffix))
        .max_by_key(|(suffix, _, _)| suffix.len())
        .map(|&(_, slug, name)| Kind { slug, name })
}

/// Is `name` the start of some division's name or code (江苏, 江苏省, 淮安市, 洪泽区, 320000)?
/// What `--region` accepts.
pub fn is_region(name: &str) -> bool {
    let name = compact(name);
    !name.is_empty() && TABLE.divisions.iter().any(|d| d.name.starts_with(name.as_str()) || d.code == name)
}

/// Every kind of the suffix table, each once, in table order.
pub fn kinds() -> Vec<Kind> {
    let mut out: Vec<Kind> = Vec::new();
    for &(_, slug, name) in KINDS {
        if !out.iter().any(|k| k.slug == slug) {
            out.push(Kind { slug, name });
        }
    }
    out
}

/// Whether two names denote the same agency: identical, or resolving to the
/// same region with the same text after their division chains
/// (淮安市洪泽区人民政府 and 洪泽区人民政府; not 淮安市人民政府 and 洪泽区人民政府).
pub fn same_agency(a: &str, b: &str) -> bool {
    let (a, b) = (compact(a), compact(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let table = &*TABLE;
    match (table.resolve(&a), table.resolve(&b)) {
        (Some((ia, ea)), Some((ib, eb))) => ia == ib && a[ea..] == b[eb..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(agency: &str) -> (String, String, Option<String>, Option<String>) {
        let r = resolve_region(agency).unwrap_or_else(|| panic!("{agency} did not resolve"));
        (r.code, r.province, r.city, r.county)
    }

    fn s(x: &str) -> String {
        x.to_string()
    }

    #[test]
    fn table_parses_with_real_counts() {
        let t = &*TABLE;
        let count = |l: Level| t.divisions.iter().filter(|d| d.level == l).count();
        assert_eq!(t.divisions.len(), 3233);
        assert!(t.divisions.len() > 3000);
        assert_eq!(count(Level::Province), 34);
        assert_eq!(count(Level::City), 333);
        assert_eq!(count(Level::County), 2866);
        // Every city and county has a parent; provinces have none.
        for d in &t.divisions {
            assert_eq!(d.parent.is_none(), d.level == Level::Province, "{}", d.name);
        }
        // Every alias line found its code.
        let aliases = ALIASES_TSV.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        for line in aliases {
            let alias = line.split('\t').next().unwrap();
            assert!(t.full.contains_key(alias), "{alias}");
        }
    }

    #[test]
    fn every_division_resolves_through_its_full_chain() {
        let t = &*TABLE;
        for (i, d) in t.divisions.iter().enumerate() {
            let mut chain = vec![d.name];
            let mut j = i;
            while let Some(p) = t.divisions[j].parent {
                chain.push(t.divisions[p].name);
                j = p;
            }
            chain.reverse();
            let full = format!("{}人民政府", chain.concat());
            assert_eq!(t.resolve(&full).map(|r| r.0), Some(i), "{full}");
            // The bare name resolves to itself exactly when no other division bears it.
            let alone = format!("{}人民政府", d.name);
            let unique = t.full[d.name].len() == 1;
            assert_eq!(t.resolve(&alone).map(|r| r.0), unique.then_some(i), "{alone}");
        }
    }

    #[test]
    fn corpus_agencies_resolve() {
        assert_eq!(region("淄博市公安局"), (s("370300"), s("山东省"), Some(s("淄博市")), None));
        let hongze = (s("320813"), s("江苏省"), Some(s("淮安市")), Some(s("洪泽区")));
        assert_eq!(region("洪泽区人民政府"), hongze);
        assert_eq!(region("淮安市洪泽区人民政府"), hongze);
        assert_eq!(region("江苏省淮安市洪泽区人民政府"), hongze);
        assert_eq!(region("淮安市人民政府"), (s("320800"), s("江苏省"), Some(s("淮安市")), None));
        assert_eq!(region("上海市人民政府办公厅"), (s("310000"), s("上海市"), None, None));
        assert_eq!(region("沭阳县发展和改革局"), (s("321322"), s("江苏省"), Some(s("宿迁市")), Some(s("沭阳县"))));
        assert_eq!(region("平潭综合实验区"), (s("350128"), s("福建省"), Some(s("福州市")), Some(s("平潭县"))));
    }

    #[test]
    fn municipal_districts_and_province_direct_counties() {
        assert_eq!(
            region("上海市浦东新区人民政府"),
            (s("310115"), s("上海市"), Some(s("上海市")), Some(s("浦东新区")))
        );
        assert_eq!(region("济源市人民政府"), (s("419001"), s("河南省"), None, Some(s("济源市"))));
        assert_eq!(region("广西壮族自治区人民政府"), (s("450000"), s("广西壮族自治区"), None, None));
    }

    #[test]
    fn ambiguous_names_need_a_parent() {
        assert_eq!(resolve_region("朝阳区人民政府"), None);
        assert_eq!(region("北京市朝阳区人民政府"), (s("110105"), s("北京市"), Some(s("北京市")), Some(s("朝阳区"))));
        assert_eq!(region("长春市朝阳区人民政府").0, "220104");
        assert_eq!(resolve_region("市中区人民政府"), None);
        assert_eq!(region("济南市市中区人民政府").0, "370103");
        assert_eq!(resolve_region("新区管委会"), None);
        // A child that does not fit under the parent stops the chain at the parent.
        assert_eq!(region("淮安市朝阳区人民政府").0, "320800");
    }

    #[test]
    fn short_names_only_when_unambiguous() {
        assert_eq!(region("淄博高新区管委会").0, "370300");
        assert_eq!(region("广西交通运输厅").0, "450000");
        assert_eq!(region("延边州人民政府").0, "222400");
        // 吉林 is both 吉林省 and 吉林市: no guess.
        assert_eq!(resolve_region("吉林人民政府"), None);
        // The full name wins over the short name at the same place.
        assert_eq!(region("吉林市人民政府").0, "220200");
        assert_eq!(region("吉林省人民政府").0, "220000");
        // A short name is not read into an agency suffix: 公安局 is not 公安县.
        assert_eq!(resolve_region("公安局"), None);
        assert_eq!(resolve_region("公安分局"), None);
        assert_eq!(region("公安县公安局").0, "421022");
        assert_eq!(region("荆州市公安县人民政府").0, "421022");
        // A short name counts only in the name of an agency of a known kind: in a
        // university's or hospital's name a place word is a proper name.
        assert_eq!(resolve_region("中山大学"), None);
        assert_eq!(resolve_region("中山大学附属第一医院"), None);
        assert_eq!(resolve_region("北京大学"), None);
        assert_eq!(region("中山市公安局").0, "442000");
        assert_eq!(region("北京市教育委员会").0, "110000");
        // Counties match only by full name: 太湖 is not 太湖县.
        assert_eq!(resolve_region("太湖流域管理局"), None);
        assert_eq!(region("太湖县人民政府").0, "340825");
        assert_eq!(region("淮安经济技术开发区管委会").0, "320800");
    }

    #[test]
    fn short_names_strip_suffixes_and_ethnic_designations() {
        assert_eq!(short_name("淄博市").as_deref(), Some("淄博"));
        assert_eq!(short_name("广西壮族自治区").as_deref(), Some("广西"));
        assert_eq!(short_name("内蒙古自治区").as_deref(), Some("内蒙古"));
        assert_eq!(short_name("西藏自治区").as_deref(), Some("西藏"));
        assert_eq!(short_name("延边朝鲜族自治州").as_deref(), Some("延边"));
        assert_eq!(short_name("巴音郭楞蒙古自治州").as_deref(), Some("巴音郭楞"));
        assert_eq!(short_name("融水苗族自治县").as_deref(), Some("融水"));
        assert_eq!(short_name("香港特别行政区").as_deref(), Some("香港"));
        assert_eq!(short_name("城区"), None);
        assert_eq!(short_name("沛县"), None);
    }

    #[test]
    fn tax_bureaus_skip_the_administration_prefix() {
        assert_eq!(region("国家税务总局淄博市税务局").0, "370300");
        assert!(same_agency("国家税务总局淄博市税务局", "淄博市税务局"));
    }

    #[test]
    fn odd_input_never_panics() {
        for x in ["", " ", "\u{0}", "人民政府", "市", "省省省", "🙂淄博市", "淄博市🙂", "a\tb\nc", "（淄博市）"]
        {
            let _ = resolve_region(x);
            let _ = resolve_kind(x);
            let _ = same_agency(x, x);
            let _ = same_agency(x, "淄博市公安局");
        }
        assert_eq!(resolve_region(""), None);
        assert_eq!(resolve_kind(""), None);
        assert!(!same_agency("", ""));
        // Whitespace inside a name is ignored.
        assert_eq!(region("淄博市 公安局").0, "370300");
    }

    #[test]
    fn kinds_of_corpus_agencies() {
        let slug = |a: &str| resolve_kind(a).map(|k| k.slug);
        assert_eq!(slug("平潭综合实验区"), Some("special_zone"));
        assert_eq!(slug("上海市人民政府办公厅"), Some("government_office"));
        assert_eq!(slug("洪泽区人民政府"), Some("government"));
        assert_eq!(slug("淮安市洪泽区人民政府"), Some("government"));
        assert_eq!(slug("淮安市人民政府"), Some("government"));
        assert_eq!(slug("某某镇人民政府"), Some("township"));
        assert_eq!(slug("某某乡人民政府"), Some("township"));
        assert_eq!(slug("淄博市公安局"), Some("public_security"));
        assert_eq!(slug("淄博市公安局张店公安分局"), Some("public_security"));
        assert_eq!(slug("沭阳县发展和改革局"), Some("development_reform"));
        assert_eq!(slug("某某街道办事处"), Some("subdistrict"));
        assert_eq!(slug("国家税务总局淄博市税务局"), Some("taxation"));
        assert_eq!(slug("某市卫生健康委员会"), Some("health"));
        assert_eq!(slug("某某公司"), None);
        let k = resolve_kind("上海市人民政府办公厅").unwrap();
        assert_eq!(k.name, "政府办公室/厅");
        assert_eq!(resolve_kind("淄博市公安局").unwrap().name, "公安");
    }

    #[test]
    fn kind_table_is_consistent() {
        let mut seen = std::collections::HashSet::new();
        let mut names: HashMap<&str, &str> = HashMap::new();
        for &(suffix, slug, name) in KINDS {
            assert!(seen.insert(suffix), "duplicate suffix {suffix}");
            assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{slug}");
            // One Chinese name per slug.
            assert_eq!(*names.entry(slug).or_insert(name), name, "{slug}");
        }
    }

    #[test]
    fn same_agency_cases() {
        assert!(same_agency("淮安市洪泽区人民政府", "洪泽区人民政府"));
        assert!(same_agency("江苏省淮安市洪泽区人民政府", "洪泽区人民政府"));
        assert!(same_agency("淄博市公安局", "淄博市公安局"));
        assert!(same_agency("淄博市公安局", "山东省淄博市公安局"));
        assert!(!same_agency("淮安市人民政府", "洪泽区人民政府"));
        assert!(!same_agency("淄博市公安局", "济南市公安局"));
        assert!(!same_agency("洪泽区人民政府", "洪泽区公安局"));
        assert!(!same_agency("朝阳区人民政府", "北京市朝阳区人民政府"));
    }
}

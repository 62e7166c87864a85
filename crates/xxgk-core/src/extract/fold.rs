//! Traditional → simplified folding, for matching only.
//!
//! Mirror sites copy government pages and convert them to 繁体 (主動公開, 申請, 複議, 訴訟),
//! and some provinces' own pages are traditional. A full converter is not needed: the
//! matchers look for a few dozen words (the figure vocabulary of pre-2019 reports and the
//! words of a report title), so [`TRAD`] lists the traditional characters those words use,
//! each with its simplified form. Characters that are not in the table stay as they are.
//!
//! The fold is one character for one character, and every pair has the same UTF-8 length
//! (all are CJK Unified Ideographs of the Basic Multilingual Plane, three bytes each). So a
//! byte range found in the folded text is the same byte range in the unfolded text: matchers
//! search [`fold`]ed text and slice the printed text with the match's range, which keeps raw
//! phrases and agency names exactly as printed.
//!
//! Pairs where the traditional character is also an ordinary simplified character with
//! another meaning (乾, 著, 徵, 適 …) are deliberately left out.

use std::sync::LazyLock;

use crate::normalize::norm;

/// `(traditional, simplified)` pairs: the characters of the disclosure vocabulary.
pub const TRAD: &[(char, char)] = &[
    // 主動公開 / 依申請 / 政府資訊 / 發佈
    ('開', '开'),
    ('動', '动'),
    ('請', '请'),
    ('資', '资'),
    ('訊', '讯'),
    ('佈', '布'),
    ('發', '发'),
    ('務', '务'),
    ('機', '机'),
    ('關', '关'),
    ('構', '构'),
    ('門', '门'),
    ('層', '层'),
    ('級', '级'),
    // 行政複議 / 行政訴訟 / 申訴 / 舉報 / 答覆 / 否決 / 拒絕
    ('複', '复'),
    ('復', '复'),
    ('覆', '复'),
    ('議', '议'),
    ('訴', '诉'),
    ('訟', '讼'),
    ('舉', '举'),
    ('報', '报'),
    ('審', '审'),
    ('決', '决'),
    ('絕', '绝'),
    ('據', '据'),
    ('範', '范'),
    ('圍', '围'),
    ('屬', '属'),
    ('規', '规'),
    ('確', '确'),
    ('內', '内'),
    // 收費 / 減免 / 檢索 / 複製 / 郵寄 / 遞送 / 金額
    ('費', '费'),
    ('減', '减'),
    ('檢', '检'),
    ('製', '制'),
    ('郵', '邮'),
    ('遞', '递'),
    ('額', '额'),
    ('錢', '钱'),
    // 諮詢 / 訪問 / 查閱
    ('諮', '咨'),
    ('谘', '咨'),
    ('詢', '询'),
    ('訪', '访'),
    ('問', '问'),
    ('閱', '阅'),
    ('覽', '览'),
    ('査', '查'),
    // units, numerals, table headers: 條 萬 億 項 個 兩 餘 約 數 總 計 歷年累計 單位 指標名稱
    ('條', '条'),
    ('萬', '万'),
    ('億', '亿'),
    ('項', '项'),
    ('個', '个'),
    ('兩', '两'),
    ('餘', '余'),
    ('約', '约'),
    ('數', '数'),
    ('總', '总'),
    ('計', '计'),
    ('歷', '历'),
    ('單', '单'),
    ('標', '标'),
    ('稱', '称'),
    // channels: 當面 傳真 電子郵件 網上 現場 在線
    ('當', '当'),
    ('傳', '传'),
    ('電', '电'),
    ('網', '网'),
    ('線', '线'),
    ('現', '现'),
    ('場', '场'),
    // zero phrasings and connectives: 沒有 無 暫未 未產生 為 與 於 從 這 來 過 還 並 僅 達 對 處 辦 結 應 況 進 經 統
    ('沒', '没'),
    ('無', '无'),
    ('暫', '暂'),
    ('產', '产'),
    ('為', '为'),
    ('與', '与'),
    ('於', '于'),
    ('從', '从'),
    ('這', '这'),
    ('來', '来'),
    ('過', '过'),
    ('還', '还'),
    ('並', '并'),
    ('僅', '仅'),
    ('達', '达'),
    ('對', '对'),
    ('處', '处'),
    ('辦', '办'),
    ('結', '结'),
    ('應', '应'),
    ('況', '况'),
    ('進', '进'),
    ('經', '经'),
    ('統', '统'),
    // words around the figures: 類 種 們 時 間 後 會 組織 權 國 設 專欄 頁 說 讀 書 館 檔 點 週 題 記 錄 證 備 義 節 樣 態 張 長 職 責 黨 員 導 領 將 執 補 劃 價 災 濟 異 爭 體 學 協 選 擇 調 錯 誤
    ('類', '类'),
    ('種', '种'),
    ('們', '们'),
    ('時', '时'),
    ('間', '间'),
    ('後', '后'),
    ('會', '会'),
    ('組', '组'),
    ('織', '织'),
    ('權', '权'),
    ('國', '国'),
    ('設', '设'),
    ('專', '专'),
    ('欄', '栏'),
    ('頁', '页'),
    ('說', '说'),
    ('讀', '读'),
    ('書', '书'),
    ('館', '馆'),
    ('檔', '档'),
    ('點', '点'),
    ('週', '周'),
    ('題', '题'),
    ('記', '记'),
    ('錄', '录'),
    ('證', '证'),
    ('証', '证'),
    ('備', '备'),
    ('義', '义'),
    ('節', '节'),
    ('樣', '样'),
    ('態', '态'),
    ('張', '张'),
    ('長', '长'),
    ('職', '职'),
    ('責', '责'),
    ('黨', '党'),
    ('員', '员'),
    ('導', '导'),
    ('領', '领'),
    ('將', '将'),
    ('執', '执'),
    ('補', '补'),
    ('劃', '划'),
    ('價', '价'),
    ('災', '灾'),
    ('濟', '济'),
    ('異', '异'),
    ('爭', '争'),
    ('體', '体'),
    ('學', '学'),
    ('協', '协'),
    ('選', '选'),
    ('擇', '择'),
    ('調', '调'),
    ('錯', '错'),
    ('誤', '误'),
    // words of titles (matched only; agency names stay as printed): 實驗區 縣 鎮 鄉 廳 財稅 貿 農 勞 運輸 車輛 氣 糧 鹽 廣 華 東 寧 遼 蘇 漢 轄 興 衛 醫療 環 護 質 嚴
    ('實', '实'),
    ('驗', '验'),
    ('區', '区'),
    ('縣', '县'),
    ('鎮', '镇'),
    ('鄉', '乡'),
    ('廳', '厅'),
    ('財', '财'),
    ('稅', '税'),
    ('貿', '贸'),
    ('農', '农'),
    ('勞', '劳'),
    ('運', '运'),
    ('輸', '输'),
    ('車', '车'),
    ('輛', '辆'),
    ('氣', '气'),
    ('糧', '粮'),
    ('鹽', '盐'),
    ('廣', '广'),
    ('華', '华'),
    ('東', '东'),
    ('寧', '宁'),
    ('遼', '辽'),
    ('蘇', '苏'),
    ('漢', '汉'),
    ('轄', '辖'),
    ('興', '兴'),
    ('衛', '卫'),
    ('醫', '医'),
    ('療', '疗'),
    ('環', '环'),
    ('護', '护'),
    ('質', '质'),
    ('嚴', '严'),
    // the template's row and column labels: 行政許可 行政處罰 行政強制 政府集中採購 結果維持 結果糾正 商業企業
    // 上年結轉 三安全一穩定 確認 獲取 繳納費用 繼續辦理 秘密 聯
    ('許', '许'),
    ('罰', '罚'),
    ('強', '强'),
    ('採', '采'),
    ('購', '购'),
    ('維', '维'),
    ('糾', '纠'),
    ('業', '业'),
    ('轉', '转'),
    ('穩', '稳'),
    ('認', '认'),
    ('獲', '获'),
    ('繳', '缴'),
    ('納', '纳'),
    ('繼', '继'),
    ('續', '续'),
    ('祕', '秘'),
    ('聯', '联'),
];

/// The BMP ideographs (U+4E00–U+9FFF) that [`TRAD`] folds, one bit each, and the pairs
/// sorted for a binary search.
struct Folding {
    bits: Vec<u64>,
    sorted: Vec<(char, char)>,
}

static FOLDING: LazyLock<Folding> = LazyLock::new(|| {
    let mut bits = vec![0u64; (0xa000 - 0x4e00) / 64];
    let mut sorted: Vec<(char, char)> = Vec::with_capacity(TRAD.len());
    for &(t, s) in TRAD {
        let i = t as usize - 0x4e00;
        bits[i / 64] |= 1 << (i % 64);
        sorted.push((t, s));
    }
    sorted.sort_unstable();
    Folding { bits, sorted }
});

/// Fold one character (identity for characters outside [`TRAD`]).
pub fn fold_char(c: char) -> char {
    let u = c as usize;
    if !(0x4e00..0xa000).contains(&u) {
        return c;
    }
    let f = &*FOLDING;
    let i = u - 0x4e00;
    if f.bits[i / 64] & (1 << (i % 64)) == 0 {
        return c;
    }
    f.sorted.binary_search_by_key(&c, |p| p.0).map_or(c, |k| f.sorted[k].1)
}

/// Fold a string that is already normalised: same length in bytes, character for character.
pub fn fold_normalised(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// [`fold_normalised`] of an owned string, which is kept when nothing in it folds.
pub fn fold_owned(s: String) -> String {
    // Only ideographs U+4E00–U+9FFF fold; text without them (ASCII, the usual number
    // cell) is kept as it is.
    if folds_nothing(&s) {
        s
    } else {
        fold_normalised(&s)
    }
}

/// Does folding leave `s` as it is? Only ideographs U+4E00–U+9FFF fold: three bytes led
/// by E4–E9, looked up from the bytes without decoding the other characters (a byte that
/// is not E4–E9 never leads such a character, nor continues one).
fn folds_nothing(s: &str) -> bool {
    if s.is_ascii() {
        return true;
    }
    let bits = &FOLDING.bits;
    let b = s.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() {
        if !(0xe4..=0xe9).contains(&b[i]) {
            i += 1;
            continue;
        }
        let u = usize::from(b[i] & 0x0f) << 12 | usize::from(b[i + 1] & 0x3f) << 6 | usize::from(b[i + 2] & 0x3f);
        if let Some(k) = u.checked_sub(0x4e00) {
            if bits[k / 64] & 1 << (k % 64) != 0 {
                return false;
            }
        }
        i += 3;
    }
    true
}

/// Fold, in place, the text of `s` from byte `start` on (already normalised): what
/// [`fold_owned`] makes of it, without a copy when nothing folds.
pub fn fold_tail(s: &mut String, start: usize) {
    let tail = &s[start..];
    if folds_nothing(tail) {
        return;
    }
    let folded = fold_normalised(tail);
    s.truncate(start);
    s.push_str(&folded);
}

/// [`norm`] (NFKC, whitespace removed), then folded to simplified characters.
pub fn fold(s: &str) -> String {
    fold_owned(norm(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_nothing_is_what_fold_char_says() {
        let mut all = String::new();
        for c in (0u32..0x11000).filter_map(char::from_u32) {
            let one = format!("a{c}信");
            assert_eq!(folds_nothing(&one), one.chars().all(|c| fold_char(c) == c), "U+{:04X}", c as u32);
            all.push(c);
        }
        assert!(!folds_nothing(&all));
        assert!(folds_nothing("信息公开申请 12 (一)") && !folds_nothing("申請") && folds_nothing(""));
    }

    #[test]
    fn pairs_keep_byte_length() {
        for (t, s) in TRAD {
            assert_eq!(t.len_utf8(), s.len_utf8(), "{t} → {s}");
            assert!(('\u{4e00}'..='\u{9fff}').contains(t), "{t} is not a BMP ideograph");
            assert_ne!(t, s, "{t} maps to itself");
        }
        let mut seen = std::collections::HashSet::new();
        assert!(TRAD.iter().all(|(t, _)| seen.insert(*t)), "a traditional character is listed twice");
    }

    #[test]
    fn the_vocabulary_folds() {
        assert_eq!(fold("主動公開政府信息175條"), "主动公开政府信息175条");
        assert_eq!(fold("未收到政府信息公開申請"), "未收到政府信息公开申请");
        assert_eq!(fold("行政複議與行政訴訟"), "行政复议与行政诉讼");
        assert_eq!(fold("行政復議"), "行政复议");
        assert_eq!(fold("谘詢2070人次"), "咨询2070人次");
        assert_eq!(fold("收費及減免"), "收费及减免");
        let printed = "開平市沙塘鎮2016年政府信息公開工作年度報告";
        assert_eq!(fold(printed).len(), norm(printed).len());
    }
}

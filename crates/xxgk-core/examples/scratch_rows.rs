use xxgk_core::extract::labels;
use xxgk_core::template::Table;
fn main() {
    let def = Table::Applications.def();
    for t in std::env::args().skip(1) {
        let r: Vec<&str> = labels::rows_in(def, &t).iter().map(|r| r.key).collect();
        println!("{t} -> {r:?}");
    }
}

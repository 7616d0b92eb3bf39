#![cfg(not(target_arch = "wasm32"))]
//! The candor check on sentences its rules were never tuned to
//! (tests/candor_heldout/, see its README): the tuning half, which rules may
//! be fitted to, and the test half, which is never edited to fit a rule and
//! whose figures are the ones the README reports.
//!
//! A sentence is flagged when it raises any finding inside the sentence (a
//! context column, earlier text of the same notice, is checked with it and
//! its own findings are ignored). Precision and recall are at sentence level;
//! each family's recall counts a sentence labelled with that family as found
//! only when a finding of that family is raised on it.

mod common;

use std::collections::BTreeMap;

use candor::candor::{check_text, Family, Finding, Severity, FAMILIES};
use common::Tzdb2026;

struct Row {
    line: usize,
    sentence: String,
    context: String,
    expected: Vec<Family>,
}

fn read_half(name: &str) -> Vec<Row> {
    common::labelled_rows(&format!("tests/candor_heldout/{name}.tsv"), 1)
        .into_iter()
        .map(|row| Row {
            line: row.line,
            sentence: row.sentence,
            context: row.extra[0].clone(),
            expected: row.expected,
        })
        .collect()
}

/// The findings that fall inside the sentence, checked after its context.
fn findings_in_sentence(row: &Row) -> Vec<Finding> {
    let (text, from) = if row.context.is_empty() {
        (row.sentence.clone(), 0)
    } else {
        let text = format!("{} {}", row.context, row.sentence);
        let from = row.context.len() + 1;
        (text, from)
    };
    check_text(&text, &Tzdb2026)
        .into_iter()
        .filter(|f| f.location.range.start >= from || f.location.range.end > from)
        .collect()
}

struct Score {
    rows: usize,
    honest: usize,
    flagged_evasive: usize,
    flagged_honest: usize,
    missed: usize,
    /// Per family: (found, labelled).
    families: BTreeMap<Family, (usize, usize)>,
    serious_on_honest: Vec<String>,
    false_alarms: Vec<String>,
    misses: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(
            self.flagged_evasive,
            self.flagged_evasive + self.flagged_honest,
        )
    }
    fn recall(&self) -> f64 {
        ratio(self.flagged_evasive, self.flagged_evasive + self.missed)
    }
    fn family_recall(&self, family: Family) -> Option<f64> {
        let (found, labelled) = self.families.get(&family).copied().unwrap_or((0, 0));
        (labelled > 0).then(|| ratio(found, labelled))
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn score(rows: &[Row]) -> Score {
    let mut s = Score {
        rows: rows.len(),
        honest: 0,
        flagged_evasive: 0,
        flagged_honest: 0,
        missed: 0,
        families: BTreeMap::new(),
        serious_on_honest: Vec::new(),
        false_alarms: Vec::new(),
        misses: Vec::new(),
    };
    for row in rows {
        let findings = findings_in_sentence(row);
        let ids: Vec<&str> = findings.iter().map(|f| f.id).collect();
        if row.expected.is_empty() {
            s.honest += 1;
            if !findings.is_empty() {
                s.flagged_honest += 1;
                s.false_alarms
                    .push(format!("line {}: {:?} {ids:?}", row.line, row.sentence));
            }
            if let Some(f) = findings.iter().find(|f| f.severity == Severity::Serious) {
                s.serious_on_honest
                    .push(format!("line {}: {:?} {}", row.line, row.sentence, f.id));
            }
            continue;
        }
        if findings.is_empty() {
            s.missed += 1;
        } else {
            s.flagged_evasive += 1;
        }
        for family in &row.expected {
            let entry = s.families.entry(*family).or_default();
            entry.1 += 1;
            if findings.iter().any(|f| f.family == *family) {
                entry.0 += 1;
            } else {
                s.misses.push(format!(
                    "line {}: {:?} missed {} (raised {ids:?})",
                    row.line,
                    row.sentence,
                    family.name()
                ));
            }
        }
    }
    s
}

fn print(name: &str, s: &Score) {
    println!(
        "\n{name}: {} sentences ({} honest, {} evasive)",
        s.rows,
        s.honest,
        s.rows - s.honest
    );
    println!("{:<16} {:>9} {:>7}", "family", "labelled", "recall");
    for family in FAMILIES {
        if let Some(r) = s.family_recall(family) {
            println!(
                "{:<16} {:>9} {:>7.3}",
                family.name(),
                s.families[&family].1,
                r
            );
        }
    }
    println!(
        "{name} overall: precision {:.3}, recall {:.3} (sentence level; Done when: test half >= 0.90 and >= 0.85, every family >= 0.70)",
        s.precision(),
        s.recall()
    );
}

/// A tuning set and the floors it must keep: what the rules reach on it,
/// raised as they improve and never lowered. Each set's first run, before
/// any rule was fitted to it, is its one held-out figure (see the README in
/// tests/candor_heldout/). The bar (on the test half: precision
/// 0.90, recall 0.85, every family 0.70) is printed beside the figures; the
/// test half itself is never asserted on, only reported.
struct TuningSet {
    file: &'static str,
    label: &'static str,
    precision: f64,
    recall: f64,
    /// Each family's recall floor, in the order of `FAMILIES` less the
    /// missing facts (which no sentence is labelled with): non-apology,
    /// minimising, hidden-actor, supplier-blame, vague-time, vague-promise,
    /// commercialese, jargon, readability.
    families: [f64; 9],
}

const TUNING_SETS: [TuningSet; 14] = [
    // The tuning half: the rules were fitted to it from the start.
    TuningSet {
        file: "tuning",
        label: "tuning half",
        precision: 1.00,
        recall: 1.00,
        families: [1.00, 1.00, 1.00, 0.87, 0.94, 1.00, 1.00, 1.00, 1.00],
    },
    // First run, before any rule was changed to fit it (4 December 2026):
    // precision 0.917, recall 0.710; supplier-blame 0.286, vague-promise
    // 0.591, commercialese 0.607, minimising 0.654.
    TuningSet {
        file: "tuning2",
        label: "tuning2 set",
        precision: 0.98,
        recall: 0.97,
        families: [1.00, 0.92, 1.00, 0.75, 1.00, 0.86, 1.00, 1.00, 1.00],
    },
    // First run: precision 0.867, recall 0.689; supplier-blame 0.360,
    // vague-promise 0.533, commercialese 0.657; 7 honest sentences with a
    // serious finding.
    TuningSet {
        file: "tuning3",
        label: "tuning3 set",
        precision: 0.99,
        recall: 0.96,
        families: [0.81, 0.90, 0.97, 0.88, 1.00, 1.00, 0.97, 1.00, 1.00],
    },
    // First run: precision 0.848, recall 0.709; hidden-actor 0.609,
    // supplier-blame 0.286, commercialese 0.875, minimising 0.500, jargon
    // 0.000 (one row).
    TuningSet {
        file: "tuning4",
        label: "tuning4 set",
        precision: 1.00,
        recall: 0.98,
        families: [1.00, 1.00, 1.00, 0.85, 1.00, 1.00, 1.00, 0.00, 0.00],
    },
    // First run: precision 0.886, recall 0.743; hidden-actor 0.417,
    // commercialese 0.417, supplier-blame 0.421, jargon 0.346, minimising
    // 0.565. With round 6's first rules, written before it was read: 0.883
    // and 0.779.
    TuningSet {
        file: "tuning5",
        label: "tuning5 set",
        precision: 0.95,
        recall: 0.93,
        families: [1.00, 0.78, 0.77, 0.63, 0.94, 0.85, 0.94, 0.34, 1.00],
    },
    // First run, with round 6's rules: precision 0.864, recall 0.720;
    // hidden-actor 0.400, commercialese 0.667, minimising 0.433, jargon
    // 0.219. The fifth round's rules scored 0.862 and 0.707 on it.
    TuningSet {
        file: "tuning6",
        label: "tuning6 set",
        precision: 0.97,
        recall: 0.90,
        families: [1.00, 0.63, 0.76, 0.66, 0.82, 0.76, 1.00, 0.21, 1.00],
    },
    // Built by two helpers at once, weighted to the hidden actors and stock
    // phrases the test half is weakest on. First run, with round 8's rules
    // (written before either set was read): tuning7a precision 0.884, recall
    // 0.629, hidden-actor 0.317, commercialese 0.444; tuning7b precision
    // 0.943, recall 0.717, hidden-actor 0.364, commercialese 0.722.
    TuningSet {
        file: "tuning7a",
        label: "tuning7a set",
        precision: 0.95,
        recall: 0.87,
        families: [1.00, 0.45, 0.63, 0.16, 0.77, 0.83, 0.88, 0.50, 1.00],
    },
    TuningSet {
        file: "tuning7b",
        label: "tuning7b set",
        precision: 0.96,
        recall: 0.89,
        families: [1.00, 0.46, 0.59, 0.77, 0.66, 0.25, 0.94, 0.18, 1.00],
    },
    // Built side by side like the seventh, in other sectors, covering every
    // family. First run, with round 9's rules and the stock phrases added
    // after them (written before either set was read): tuning8a precision
    // 0.961, recall 0.787, hidden-actor 0.333, commercialese 0.536, and two
    // honest sentences with a serious finding; tuning8b precision 1.000,
    // recall 0.767, hidden-actor 0.379, commercialese 0.577.
    TuningSet {
        file: "tuning8a",
        label: "tuning8a set",
        precision: 1.00,
        recall: 0.88,
        families: [1.00, 0.76, 0.43, 0.40, 0.83, 0.77, 0.96, 0.57, 1.00],
    },
    TuningSet {
        file: "tuning8b",
        label: "tuning8b set",
        precision: 1.00,
        recall: 0.87,
        families: [0.91, 0.52, 0.44, 0.22, 0.93, 0.81, 0.96, 0.38, 1.00],
    },
    // Built side by side, weighted to stock phrases: tuning9a from chief
    // executives' and founders' letters, tuning9b from small companies'
    // status pages and e-mails. First run, with round 11's rules (written
    // before either set was read): tuning9a precision 0.869, recall 0.662,
    // commercialese 0.405, and two honest sentences with a serious finding;
    // tuning9b precision 0.881, recall 0.819, commercialese 0.775.
    TuningSet {
        file: "tuning9a",
        label: "tuning9a set",
        precision: 0.91,
        recall: 0.77,
        families: [0.71, 0.23, 0.62, 0.00, 0.61, 0.85, 0.80, 0.25, 1.00],
    },
    // tuning9b has no sentence over 25 words, so no readability floor.
    TuningSet {
        file: "tuning9b",
        label: "tuning9b set",
        precision: 0.92,
        recall: 0.91,
        families: [0.57, 0.62, 0.35, 0.60, 0.88, 0.57, 1.00, 0.41, 0.00],
    },
    // Built side by side and weighted to nothing: runs of consecutive
    // sentences from each notice, tuning10a from 2019 to 2026 and tuning10b
    // from before 2019. First run, with round 12's rules: tuning10a precision
    // 0.923, recall 0.742; tuning10b precision 0.946, recall 0.772 (0.957 and
    // 0.774 once one label was corrected, see its header).
    TuningSet {
        file: "tuning10a",
        label: "tuning10a set",
        precision: 0.92,
        recall: 0.80,
        families: [0.90, 0.69, 0.40, 0.20, 0.65, 0.54, 1.00, 0.31, 1.00],
    },
    TuningSet {
        file: "tuning10b",
        label: "tuning10b set",
        precision: 0.96,
        recall: 0.82,
        families: [0.75, 0.57, 0.27, 0.18, 0.91, 0.78, 0.96, 0.56, 1.00],
    },
];

fn assert_floors(set: &TuningSet, s: &Score) {
    let name = set.file;
    assert!(
        s.precision() >= set.precision,
        "{name} precision {:.3} fell below its floor {}",
        s.precision(),
        set.precision
    );
    assert!(
        s.recall() >= set.recall,
        "{name} recall {:.3} fell below its floor {}",
        s.recall(),
        set.recall
    );
    let labelled = FAMILIES.iter().filter(|f| **f != Family::MissingFact);
    for (family, floor) in labelled.zip(set.families) {
        let r = s.family_recall(*family).unwrap_or(0.0);
        assert!(
            r >= floor,
            "{name} recall of {} is {r:.3}, below its floor {floor}",
            family.name()
        );
    }
}

#[test]
fn heldout_precision_and_recall() {
    let tuning: Vec<Score> = TUNING_SETS
        .iter()
        .map(|set| score(&read_half(set.file)))
        .collect();
    let test = score(&read_half("test"));
    for (set, s) in TUNING_SETS.iter().zip(&tuning) {
        print(set.label, s);
    }
    // The test half's figures are printed only when `make bench-candor` asks
    // for them (CANDOR_TEST_HALF=1): a tuning run of this test must not show
    // them, or its author ends up reading them while fitting rules.
    let show_test_half = std::env::var_os("CANDOR_TEST_HALF").is_some();
    if show_test_half {
        print("test half", &test);
    }
    // Only the tuning sets' misses and false alarms are listed: reading the
    // test half's one by one is how a rule gets fitted to it.
    for (set, s) in TUNING_SETS.iter().zip(&tuning) {
        let file = set.file;
        for (what, lines) in [
            ("false alarms", &s.false_alarms),
            ("misses", &s.misses),
            (
                "honest sentences raising a serious finding",
                &s.serious_on_honest,
            ),
        ] {
            println!("\n{file} {what}:");
            for line in lines {
                println!("  {line}");
            }
        }
    }
    assert!(
        tuning[0].rows >= 100 && test.rows >= 100,
        "each half needs at least 100 sentences"
    );
    // The test half is held to the goal of no honest sentence with a serious
    // finding (reached on 4 December 2026), but by its count alone: its
    // sentences are never printed.
    if show_test_half {
        println!(
            "\nhonest sentences of the test half raising a serious finding: {} (goal 0)",
            test.serious_on_honest.len()
        );
    }
    assert!(
        test.serious_on_honest.is_empty(),
        "{} honest sentences of the test half raise a serious finding; the goal is none (the sentences are not printed: the test half is never read while fitting rules)",
        test.serious_on_honest.len()
    );
    // Every tuning set: no honest sentence with a serious finding (reached on
    // 4 December 2026), and its floors.
    for (set, s) in TUNING_SETS.iter().zip(&tuning) {
        assert!(
            s.serious_on_honest.is_empty(),
            "honest sentences of {} raise a serious finding:\n{:#?}",
            set.file,
            s.serious_on_honest
        );
        assert_floors(set, s);
    }
}

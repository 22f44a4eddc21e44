//! Cleaning runs in linear time: a large input is not slower per byte than a small one.

use newsmark::clean::clean;
use std::time::Instant;

/// A scraped-looking article of about 2 KB with junk of several kinds.
fn article(i: usize) -> String {
    format!(
        "Council approves bridge number {i} after a decade of debate\n\n[ad_1]\n\n\
         BRIDGEPORT, Ore. (Reuters) - The city council voted 7-2 on Tuesday to build a new \
         bridge over the Elm River, ending a fight that has split the town for ten years.\n\n\
         Advertisement\n\n\"This is the day we have waited for,\" Mayor Ana Ruiz told \
         reporters outside city hall. \"The old crossing is not safe.\"\n\n\
         A cyclist rides across the old crossing on Monday. (Tom Baker / Reuters)\n\n\
         Opponents said the project would raise property taxes by {i} percent. Read more: \
         City budget gap widens\n\nShare this:\nFacebook | Twitter | Email\n\n\
         Construction\u{a0}is expected to start next spring, officials said, and the \
         co\u{200b}operative will run it.\r\n\r\n\
         (Reporting by Tom Baker; Editing by Lisa Grant)\n\n"
    )
}

fn text_of(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&article(i));
        i += 1;
    }
    s
}

/// CPU time of this thread in nanoseconds (Linux), else wall-clock time since `wall`: the
/// machine running the tests is shared, and CPU time is what linearity is about.
fn now_ns(wall: Instant) -> u128 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| wall.elapsed().as_nanos())
}

/// Best time per byte over three rounds of about 2 MB of work each, in nanoseconds.
fn ns_per_byte(s: &str) -> f64 {
    let wall = Instant::now();
    let rounds = ((2usize << 20) / s.len()).max(1);
    (0..3)
        .map(|_| {
            let t = now_ns(wall);
            for _ in 0..rounds {
                std::hint::black_box(clean(std::hint::black_box(s)));
            }
            now_ns(wall).saturating_sub(t) as f64 / (s.len() * rounds) as f64
        })
        .fold(f64::MAX, f64::min)
}

#[test]
fn clean_time_is_linear_in_input_length() {
    let small = text_of(10 << 10);
    let big = text_of(2 << 20);
    let s = ns_per_byte(&small);
    let b = ns_per_byte(&big);
    println!(
        "clean: {s:.1} ns/byte on 10 KB, {b:.1} ns/byte on 2 MB (ratio {:.2})",
        b / s
    );
    // Generous bound for a shared machine; a quadratic step would make it hundreds.
    assert!(b < s * 3.0, "2 MB: {b:.1} ns/byte vs 10 KB: {s:.1} ns/byte");
    // The junk of every copy is found, not just the first (no budget that runs out).
    let c = clean(&big);
    let ads = c
        .removed
        .iter()
        .filter(|r| r.rule == "marker.shortcode")
        .count();
    assert_eq!(ads, big.matches("[ad_1]").count());
}

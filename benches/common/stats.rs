//! Median and p99 of a set of timings, shared by the benchmarks (`#[path]`-included).

use std::fmt;
use std::time::Duration;

pub struct Summary {
    pub count: usize,
    pub median: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Summary {
    pub fn of(mut samples: Vec<Duration>) -> Summary {
        assert!(!samples.is_empty(), "no samples");
        samples.sort();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
        Summary {
            count: samples.len(),
            median: at(0.5),
            p99: at(0.99),
            max: at(1.0),
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "median {:?}, p99 {:?}, max {:?} ({} samples)",
            self.median, self.p99, self.max, self.count
        )
    }
}
